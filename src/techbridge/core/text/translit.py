"""Romanisation of Greek and Cyrillic words, so untranslated names meet their Latin spelling.

A plain letter-by-letter table (close to ISO 9 / ELOT 743 simplified, written for this project);
named entities missing from bilingual lexicons are the classic CLIR gap it closes
(Virga & Khudanpur 2003, "Transliteration of proper names in cross-lingual information retrieval").
"""

from __future__ import annotations

import unicodedata

_CYRILLIC = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюяђјљњћџѓќѕ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sht",
            "a",
            "",
            "yu",
            "ya",
            "dj",
            "j",
            "lj",
            "nj",
            "c",
            "dz",
            "gj",
            "kj",
            "dz",
        ],
        strict=True,
    )
)
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_TABLE = str.maketrans({**_CYRILLIC, **_GREEK})
_GREEK_DIGRAPHS = (("ου", "ou"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("αι", "e"), ("ει", "i"))


def romanize(word: str) -> str:
    """Latin spelling of a lower-case Greek or Cyrillic word; other words are returned unchanged."""
    if word.isascii() or not any("\u0370" <= ch <= "\u04ff" for ch in word):
        return word  # Latin words keep their accents, as English text keeps "José"
    plain = "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")
    if any("\u0370" <= ch <= "\u03ff" for ch in plain):
        for greek, latin in _GREEK_DIGRAPHS:
            plain = plain.replace(greek, latin)
    return plain.translate(_TABLE)
