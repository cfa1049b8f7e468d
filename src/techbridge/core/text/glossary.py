"""The brokers' domain glossary: per language, a term of one or more words -> an English term.

Glossary terms override the general lexicons. They match inflected text by comparing word forms
normalised like taxonomy labels (stem, or lemma), longest term first, without overlaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from techbridge.core.text.concepts import word_form
from techbridge.core.text.languages import normalize_language
from techbridge.core.text.stemming import english_keys
from techbridge.core.text.stopwords import stop_words
from techbridge.core.text.tokenize import add_chinese_words, chinese_tokens, word_tokens

if TYPE_CHECKING:
    from techbridge.core.text.analysis import Term


def english_terms(term: str) -> list[tuple[str, str]]:
    """(pivot key, English word) of an English term's content words (all words if none)."""
    words = [w for w in word_tokens(term) if w not in stop_words("en")] or word_tokens(term)
    return list(zip(english_keys(words), words, strict=True))


class Glossary:
    """``entries`` maps a language code to ``{term: English term}``."""

    def __init__(self, entries: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.entries = {normalize_language(k): dict(v) for k, v in (entries or {}).items()}
        self._keys: dict[str, dict[tuple[str, ...], tuple[str, list[tuple[str, str]]]]] = {}
        self._firsts: dict[str, frozenset[str]] = {}

    def prepare(self, lang: str) -> None:
        """Index the terms of ``lang`` (done once; Chinese terms are added to the segmenter)."""
        if lang in self.entries:
            self._index(lang)

    def _index(self, lang: str) -> dict[tuple[str, ...], tuple[str, list[tuple[str, str]]]]:
        if lang not in self._keys:
            items = self.entries.get(lang, {})
            if lang == "zh":
                add_chinese_words(items)  # keep each term one jieba token
            tokenize = chinese_tokens if lang == "zh" else word_tokens
            index = {}
            for term, english in items.items():
                words = tokenize(term)
                if words and english.strip():
                    index[tuple(word_form(w, lang) for w in words)] = (term, english_terms(english))
            self._keys[lang] = index
            self._firsts[lang] = frozenset(key[0] for key in index)
        return self._keys[lang]

    def spans(self, words: list[str], lang: str) -> list[tuple[int, int, list[Term]]]:
        """Non-overlapping glossary matches in ``words``: (start, end, terms), longest first."""
        from techbridge.core.text.analysis import Term

        index = self._index(lang) if lang in self.entries else {}
        if not index:
            return []
        longest = max(len(key) for key in index)
        forms = [word_form(w, lang) for w in words]
        firsts = self._firsts[lang]
        found, start = [], 0
        while start < len(words):
            if forms[start] not in firsts:  # no term starts with this word
                start += 1
                continue
            for size in range(min(longest, len(words) - start), 0, -1):
                hit = index.get(tuple(forms[start : start + size]))
                if hit is not None:
                    original = " ".join(words[start : start + size])
                    share = 1.0 / len(hit[1])
                    terms = [Term(key, share, original, shown, "glossary") for key, shown in hit[1]]
                    found.append((start, start + size, terms))
                    start += size
                    break
            else:
                start += 1
        return found
