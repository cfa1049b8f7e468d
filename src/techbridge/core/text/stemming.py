"""Stemming (Snowball via PyStemmer) and lemmatisation (simplemma), both lazy and cached per language.

Snowball: Porter (2001), "Snowball: A language for stemming algorithms". simplemma: Barbaresi (2023).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from techbridge.core.text.languages import LANGUAGES
from techbridge.core.text.stopwords import stop_words


@cache
def _stemmer(algorithm: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(algorithm, 50_000)


def stem(word: str, lang: str = "en") -> str:
    """The Snowball stem of ``word`` in ``lang``; the word itself when no stemmer exists."""
    language = LANGUAGES.get(lang)
    if language is None or language.stemmer is None:
        return word
    return str(_stemmer(language.stemmer).stemWord(word))


def stem_words(words: list[str], lang: str = "en") -> list[str]:
    """Snowball stems of ``words`` (one call, fast for long lists)."""
    language = LANGUAGES.get(lang)
    if language is None or language.stemmer is None:
        return list(words)
    return [str(s) for s in _stemmer(language.stemmer).stemWords(words)]


@lru_cache(maxsize=200_000)
def lemmatize(word: str, lang: str) -> str:
    """The simplemma lemma of ``word`` (lower-cased); the word itself for unsupported languages."""
    language = LANGUAGES.get(lang)
    if language is None or language.lemma is None:
        return word
    import simplemma

    try:
        return str(simplemma.lemmatize(word, lang=language.lemma)).lower()
    except ValueError:  # simplemma rejects some odd tokens; keep the surface form
        return word


def english_keys(words: list[str]) -> list[str]:
    """Pivot keys of English words: Snowball stem of the simplemma lemma.

    Lemmatising first joins irregular forms the stemmer leaves apart ("went"/"go", "children"/
    "child"), which matters because glosses are base forms while text is inflected.
    """
    return stem_words([_english_lemma(word) for word in words], "en")


def _english_lemma(word: str) -> str:
    """simplemma's lemma, except where it makes a content word a function word: it knows AI, NA and TA only as
    forms of "be" and "to" (dialect and slang), which made AI the term "be" in every text."""
    lemma = lemmatize(word, "en")
    if lemma != word and lemma in stop_words("en") and word not in stop_words("en"):
        return word
    return lemma


def english_key(word: str) -> str:
    """:func:`english_keys` of one word."""
    return english_keys([word])[0]
