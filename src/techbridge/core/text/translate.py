"""Foreign word -> weighted English pivot terms, with fallbacks surface -> lemma -> stem.

Dictionary-based query translation (Ballesteros & Croft 1997, "Phrasal translation and query
expansion techniques for cross-language information retrieval"): morphological normalisation before
lookup matters most for inflected languages, so a miss on the surface form retries the lemma
(simplemma) and then the stem key against the stem keys of the lexicon's headwords; then a related
language's lexicon, the verb of a verbal noun, a split into two words, the verb without its prefix
(:mod:`techbridge.core.text.derivation`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from techbridge.core.text.derivation import SHORT_FIRST_PARTS, unprefixed, verbs_of
from techbridge.core.text.glosses import weigh_glosses
from techbridge.core.text.lexicon import SEP
from techbridge.core.text.stemming import lemmatize, stem
from techbridge.core.text.stopwords import stop_words
from techbridge.core.text.store import stem_keys

_MIN_COMPOUND, _MIN_PART = 8, 3
Translation = dict[str, tuple[float, str]]  # pivot stem -> (weight, English word shown)


class Entries(Protocol):
    """One language's lexicon: glosses of a word (joined by SEP) and the headword of a stem key."""

    def get(self, word: str) -> str | None: ...

    def by_stem(self, key: str) -> str | None: ...


@dataclass
class Translator:
    """Cached lookups of one language's lexicon entries."""

    lang: str
    entries: Entries
    function_words: bool = False
    min_stem: int = 4
    related: tuple[Entries, ...] = ()
    cache_size: int = 200_000  # memoised lookups (0: none); an analyzer drops its translators to forget
    _cache: dict[str, tuple[Translation, str]] = field(default_factory=dict, repr=False)

    def lookup(self, word: str) -> tuple[Translation, str]:
        """The word's pivot terms and the headword that matched ('' when none did)."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._lookup(word)
            if len(self._cache) < self.cache_size:
                self._cache[word] = hit
        return hit

    def _lookup(self, word: str) -> tuple[Translation, str]:
        function = word in stop_words(self.lang)
        key = stem_keys([word], self.lang)[0]
        head = self.entries.by_stem(key) if len(key) >= self.min_stem else None
        # The surface form and the lemma can be different headwords ("míru": "mír" peace, "míra"
        # measure); both count. The stem key is the fallback when neither is known.
        found: list[str] = []
        keys: list[str] = []
        for candidate in dict.fromkeys((word, lemmatize(word, self.lang))):
            glosses = self.entries.get(candidate)
            if glosses:
                found.extend(glosses.split(SEP))
                keys.append(candidate)
        # Fallbacks when neither is a headword: the stem itself ("gyerekek" -> "gyerek"), then
        # the shortest headword sharing the stem key.
        for fallback in (stem(word, self.lang) if len(key) >= self.min_stem else None, head):
            glosses = self.entries.get(fallback) if fallback and not found else None
            if glosses:
                found, keys = glosses.split(SEP), [str(fallback)]
        # A closely related language's lexicon for words this one lacks (Bosnian <- Croatian).
        for related in self.related if not found else ():
            for candidate in dict.fromkeys((word, lemmatize(word, self.lang))):
                glosses = related.get(candidate)
                if glosses and not found:
                    found, keys = glosses.split(SEP), [candidate]
        for candidate in verbs_of(word, lemmatize(word, self.lang), self.lang) if not found else ():
            verb, verb_key = self.lookup(candidate)  # with the verb's own fallbacks (skladovat -> sklad)
            if verb:
                return verb, verb_key
        if not found and len(word) >= _MIN_COMPOUND:
            split = self._decompound(word)
            if split[0]:
                return split
        for candidate in unprefixed(word, lemmatize(word, self.lang), self.lang) if not found else ():
            base = self.entries.get(candidate)
            if base:
                found, keys = base.split(SEP), [candidate]
                break
        terms = weigh_glosses(found, self.function_words, function) if found else {}
        return (terms, "+".join(keys)) if terms else ({}, "")

    def _decompound(self, word: str) -> tuple[Translation, str]:
        """An unknown compound as two known words, longest known first part first.

        Dictionary-based splitting after Koehn & Knight (2003), "Empirical methods for compound
        splitting". A split into two headwords (the head may be inflected: its lemma counts) wins over
        one whose head is found only through a fallback, and only such a split may start with a part of
        two letters (in Hungarian and Estonian): hőszivattyú is hő + szivattyú (heat pump), not hős +
        zivattyú read as zivatar (hero + rainstorm). Failing that, the head gets the full lookup.
        """
        shortest = _MIN_PART - 1 if self.lang in SHORT_FIRST_PARTS else _MIN_PART
        for cut in range(len(word) - _MIN_PART, shortest - 1, -1):
            first, head = self.entries.get(word[:cut]), word[cut:]
            if first and any(self.entries.get(form) for form in (head, lemmatize(head, self.lang))):
                return self._joined(first, *self.lookup(head), word[:cut])
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            first = self.entries.get(word[:cut])
            if not first:
                continue
            head_terms, head_key = self.lookup(word[cut:])
            if head_terms:
                return self._joined(first, head_terms, head_key, word[:cut])
        return {}, ""

    def _joined(
        self, first: str, head: Translation, head_key: str, first_key: str
    ) -> tuple[Translation, str]:
        merged = dict(weigh_glosses(first.split(SEP), self.function_words))
        for term, (weight, shown) in head.items():
            merged[term] = (merged.get(term, (0.0, shown))[0] + weight, shown)
        return merged, f"{first_key}+{head_key}"
