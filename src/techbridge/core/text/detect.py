"""Language identification for short texts: script detection, then letter, stop-word and n-gram cues.

Each cue votes for the languages that have it with weight ``w / k`` (k = number of languages
sharing the cue), an inverse-document-frequency idea as in Cavnar & Trenkle (1994, "N-gram-based
text categorization") reduced to hand-picked, highly discriminative features so that two or three
words suffice; letters a language's alphabet lacks vote against it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Protocol

from techbridge.core.text.stopwords import all_stop_words

# Letters outside ASCII that each alphabet uses (Latin, Cyrillic); unlisted letters count against.
_ALPHABETS: dict[str, str] = {
    "en": "",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr": "čćđšž",
    "sr": "čćđšžабвгдђежзијклљмнњопрстћуфхцчџш",
    "bs": "čćđšž",
    "sl": "čšž",
    "et": "äöõüšž",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "sq": "ëç",
    "de": "äöüß",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
}

# Frequent letter sequences typical of each language (word-internal or at word edges, "_" marks an edge).
# Ijekavian spellings (Croatian, Bosnian) where Serbian writes ekavian ones ("gdje" / "gde").
_IJEKAVIAN = "_gdje_ _vrijeme _dijete _djeca _mlijek _riječ _lijep _ovdje_ _htio _djev _pjesm"
_NGRAMS: dict[str, str] = {
    "en": "th_ _th the ing_ _wh ould _yo ee oo ea_ tion ly_ _is_ ght ck w",
    "pl": "sz cz rz ie_ ow ych ego_ ać_ ść ię ią dz prz _w_ nie wie ł",
    "cs": "ou_ ch ní_ ího_ ých_ ře ě ů _jsem _jsi _jsou _jsme ovat_ _se_ ého_ it_ _ú ím_ em_ _co_",
    "sk": "ie ia_ ia iu ch ých_ ého_ _som_ ô ä ľ _sa_ iť_ ať_ _sme_ _nie_ ej_ ú_ om_ _aj_ _čo_ _sú_",
    "hu": "sz gy ny ly zs cs _az_ ek_ ok_ nak_ nek_ ban_ ben_ ött tt_ ás_ és_ _meg",
    "ro": "ul_ ii_ ea oa ță _să _în _că ește lui_ ți_ ră",
    "hr": "ije _je_ lj nj _što_ _tko_ ći_ _sam_ ao_ iti_ ati_ _nije_ đ "
    + _IJEKAVIAN
    + " _tisuć _kruh _vlak _tjedan _glazb _sveučil _zrakoplov _kava _je_li_",
    "sr": "lj nj _je_ _šta_ _ko_ _sam ao_ _li_ iti_ ati_ _nije_ đ мо_ ти_ _је_ ње_ ћ ђ _није_ "
    + "_gde_ _vreme _dete _deca _mleko _reč _lep _ovde_ _hteo _devoj _pesm _hleb _kafa _voz_",
    "bs": "ije _je_ lj nj _šta_ _ko_ ći_ _sam ao_ iti_ ati_ _nije_ _li_ đ "
    + _IJEKAVIAN
    + " _hiljad _kahv _sedmic _hljeb",
    "sl": "lj nj _je_ _sem_ _ki_ ega_ _kaj _tudi_ ti_ il_ rl_ la_ _bo_ _bom_ _v_ _ni_ _tukaj_ "
    + "_zdaj_ _kje_ _všeč_ _sta_ _nisem_ _bi_",
    "et": "aa ee ii oo uu _on_ ks_ st_ _ja_ ma_ ga_ õ",
    "lv": "ie as_ ām ēj _ir_ ās_ um_ šo ļ",
    "lt": "as_ is_ ai ių_ us_ _yra_ ų_ ė",
    "sq": "ë_ _sh dh xh gj ll rr _të _në _një",
    "de": "sch ch ei ie ung_ en_ _der_ _die_ _und_ ß",
    "bg": "ът ъ щ ия_ ата_ ото_ ите_ _се_ _съм",
    "mk": "ќ ѓ ѕ _се_ от_ ата_ _сум ме_ _е_ ува _ќе_",
}
# Tie-break (equal evidence): the order of the platform's partner countries by activity.
_PREFERENCE = [
    "en",
    "pl",
    "cs",
    "hu",
    "ro",
    "hr",
    "sr",
    "sk",
    "bg",
    "sl",
    "el",
    "lt",
    "lv",
    "et",
    "mk",
    "sq",
    "bs",
    "de",
]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER_WEIGHT, _STOP_WEIGHT, _NGRAM_WEIGHT, _VOCABULARY_WEIGHT = 4.0, 3.0, 1.0, 2.0
_MAX_VOCABULARY_WORDS, _VOCABULARY_CANDIDATES = 30, 5
_SAMPLE_CHARS = 5000


def _sharing(features: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Invert {lang: features} into {feature: [langs]}."""
    owners: dict[str, list[str]] = {}
    for lang, items in features.items():
        for item in set(items):
            owners.setdefault(item, []).append(lang)
    return owners


_LETTER_OWNERS = _sharing(_ALPHABETS)
_NGRAM_OWNERS = _sharing({lang: text.split() for lang, text in _NGRAMS.items()})
_STOP_OWNERS = _sharing({lang: words for lang, words in all_stop_words().items() if lang != "zh"})


@lru_cache(maxsize=20_000)
def _script(char: str) -> str:
    """The script of one character ("" for a non-letter), by its Unicode name."""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "han"
    if name.startswith(("HIRAGANA", "KATAKANA")):
        return "kana"
    if name.startswith("GREEK"):
        return "greek"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter(map(_script, text))
    del counts[""]  # non-letters
    return counts


_CANDIDATES = {
    cyrillic: tuple(lang for lang in _ALPHABETS if (lang in ("bg", "mk", "sr")) == cyrillic)
    for cyrillic in (False, True)
}


@lru_cache(maxsize=100_000)
def _word_votes(word: str, cyrillic: bool) -> tuple[tuple[str, float], ...]:
    """Every score change one word makes, in the order :func:`language_scores` makes them.

    Replaying the same additions in the same order gives bit-identical scores, while the letter
    and n-gram tests run once per distinct word rather than once per occurrence.
    """
    candidates = _CANDIDATES[cyrillic]
    votes: list[tuple[str, float]] = []
    for char in set(word):
        if char.isascii():
            continue
        owners = [lang for lang in _LETTER_OWNERS.get(char, []) if lang in candidates]
        votes.extend(
            (lang, _LETTER_WEIGHT / len(owners) if lang in owners else -_LETTER_WEIGHT) for lang in candidates
        )
    _votes(votes, candidates, _STOP_OWNERS.get(word, []), _STOP_WEIGHT)
    padded = f"_{word}_"
    for ngram, owners in _NGRAM_OWNERS.items():
        if ngram in padded:
            _votes(votes, candidates, owners, _NGRAM_WEIGHT)
    return tuple(votes)


def _votes(
    votes: list[tuple[str, float]], candidates: tuple[str, ...], owners: list[str], weight: float
) -> None:
    """:func:`_vote` recorded rather than applied."""
    owners = [lang for lang in owners if lang in candidates]
    votes.extend((lang, weight / len(owners)) for lang in owners)


def language_scores(text: str, vocabularies: Mapping[str, Vocabulary] | None = None) -> dict[str, float]:
    """Cue scores of the alphabetic languages for ``text`` (higher is likelier).

    ``vocabularies`` (language -> lexicon) add a vote for each word a language's lexicon knows.
    """
    return _scores(text, vocabularies, _script_counts(text)["cyrillic"] > 0)


def _scores(text: str, vocabularies: Mapping[str, Vocabulary] | None, cyrillic: bool) -> dict[str, float]:
    words = [w.lower() for w in _WORD.findall(text)]
    scores = dict.fromkeys(_CANDIDATES[cyrillic], 0.0)
    for word in words:
        for lang, change in _word_votes(word, cyrillic):
            scores[lang] += change
    if vocabularies and scores:
        # only the few best-scoring languages are worth a lexicon lookup per word
        ranked = sorted(scores, key=lambda lang: -scores[lang])[:_VOCABULARY_CANDIDATES]
        asked = {lang: vocabularies[lang] for lang in ranked if lang in vocabularies}
        for word in words[:_MAX_VOCABULARY_WORDS]:
            _vote(scores, [lang for lang, vocab in asked.items() if vocab.get(word)], _VOCABULARY_WEIGHT)
    return scores


class Vocabulary(Protocol):
    """Anything answering whether a word is known (a lexicon's entries)."""

    def get(self, word: str) -> str | None: ...


def _vote(scores: dict[str, float], owners: list[str], weight: float) -> None:
    owners = [lang for lang in owners if lang in scores]
    for lang in owners:
        scores[lang] += weight / len(owners)


def detect_language(
    text: str, default: str = "en", vocabularies: Mapping[str, Vocabulary] | None = None
) -> str:
    """The ISO 639-1 code of the language of ``text``; ``default`` when the text has no letters.

    Han script gives ``zh`` and Greek ``el``; Latin and Cyrillic texts are scored by cues (and by
    lexicon ``vocabularies`` when given).
    """
    text = (text or "")[:_SAMPLE_CHARS]  # the opening of a long text is evidence enough
    counts = _script_counts(text)
    letters = sum(counts.values())
    if letters == 0:
        return default
    if (counts["han"] + counts["kana"]) / letters >= 0.3 or counts["han"] > counts["latin"]:
        return "zh"
    if counts["greek"] >= max(counts["latin"], counts["cyrillic"]):
        return "el"
    scores = _scores(text, vocabularies, counts["cyrillic"] > 0)
    best = max(scores, key=lambda lang: (round(scores[lang], 6), -_PREFERENCE.index(lang)))
    if scores[best] <= 0 and counts["cyrillic"] == 0:
        return default
    return best
