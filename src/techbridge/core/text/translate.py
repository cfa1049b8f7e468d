"""Foreign word -> weighted English pivot terms, with fallbacks surface -> lemma -> stem.

Dictionary-based query translation (Ballesteros & Croft 1997, "Phrasal translation and query
expansion techniques for cross-language information retrieval"): morphological normalisation before
lookup matters most for inflected languages, so a miss on the surface form retries the lemma
(simplemma) and then the Snowball stem against stems of the lexicon's headwords.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from techbridge.core.text.glosses import weigh_glosses
from techbridge.core.text.lexicon import SEP
from techbridge.core.text.stemming import lemmatize, stem, stem_words

Translation = dict[str, tuple[float, str]]  # pivot stem -> (weight, English word shown)


@dataclass
class Translator:
    """Lookup of one language's merged lexicon entries ``{word: glosses joined by SEP}``."""

    lang: str
    entries: dict[str, str]
    _stem_index: dict[str, str] | None = field(default=None, repr=False)
    _cache: dict[str, tuple[Translation, str]] = field(default_factory=dict, repr=False)

    def stem_key(self, word: str) -> str:
        """Key for the stem fallback: the Snowball stem, or a 5-letter prefix without a stemmer."""
        stemmed = stem(word, self.lang)
        if stemmed == word and len(word) > 6:
            return word[: max(5, len(word) - 3)]
        return stemmed

    def _stems(self) -> dict[str, str]:
        if self._stem_index is None:
            index: dict[str, str] = {}
            words = [w for w in self.entries if " " not in w]
            keys = stem_words(words, self.lang)
            for word, key in zip(words, keys, strict=True):
                key = self.stem_key(word) if key == word else key
                # keep the shortest headword per stem: usually the base form
                if key not in index or len(word) < len(index[key]):
                    index[key] = word
            self._stem_index = index
        return self._stem_index

    def lookup(self, word: str) -> tuple[Translation, str]:
        """The word's pivot terms and the headword that matched ('' when none did)."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._lookup(word)
            if len(self._cache) < 200_000:
                self._cache[word] = hit
        return hit

    def _lookup(self, word: str) -> tuple[Translation, str]:
        for key in (word, lemmatize(word, self.lang)):
            glosses = self.entries.get(key)
            if glosses:
                terms = weigh_glosses(glosses.split(SEP))
                if terms:
                    return terms, key
        head = self._stems().get(self.stem_key(word))
        if head:
            terms = weigh_glosses(self.entries[head].split(SEP))
            if terms:
                return terms, head
        return {}, ""

    def has(self, word: str) -> bool:
        return word in self.entries
