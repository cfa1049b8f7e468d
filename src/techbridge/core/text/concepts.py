"""Taxonomy labels in any language -> shared concept tokens (``tax:<concept id>``).

Labels are matched as word sequences after the same normalisation as the text (Snowball stem, or
simplemma lemma where no stemmer exists), so "solar panels" matches the label "solar panel";
Chinese labels match as substrings of the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from techbridge.core.text.languages import LANGUAGES
from techbridge.core.text.stemming import lemmatize, stem
from techbridge.core.text.stopwords import stop_words
from techbridge.core.text.tokenize import has_han, normalize, word_tokens

if TYPE_CHECKING:
    from techbridge.core.text.analysis import Term

PREFIX = "tax:"


@lru_cache(maxsize=200_000)
def word_form(word: str, lang: str) -> str:
    """A word normalised for phrase matching: its Snowball stem, or its lemma without a stemmer.

    A pure function of the installed stemmers and lemmatisers, so the memo never goes stale.
    """
    language = LANGUAGES.get(lang)
    if language is not None and language.stemmer is None:
        return lemmatize(word, lang)
    return stem(word, lang)


class ConceptMatcher:
    """Find taxonomy labels in a text; ``taxonomy`` maps a label (any language) to a concept id."""

    def __init__(self, taxonomy: Mapping[str, str]) -> None:
        self.taxonomy = dict(taxonomy)
        self._han = {normalize(k).replace(" ", ""): v for k, v in self.taxonomy.items() if has_han(k)}
        self._words = {tuple(word_tokens(k)): v for k, v in self.taxonomy.items() if not has_han(k)}
        self._words.pop((), None)
        self._longest = max((len(k) for k in self._words), default=0)
        self._by_lang: dict[str, dict[tuple[str, ...], str]] = {}
        self._firsts: dict[str, frozenset[str]] = {}

    def _keys(self, lang: str) -> dict[tuple[str, ...], str]:
        if lang not in self._by_lang:
            self._by_lang[lang] = {
                tuple(word_form(w, lang) for w in words): concept for words, concept in self._words.items()
            }
            self._firsts[lang] = frozenset(key[0] for key in self._by_lang[lang])
        return self._by_lang[lang]

    def match(self, text: str, words: list[str], lang: str) -> list[Term]:
        """Concept terms for every label occurrence (weight 1 each) in ``text`` / its ``words``."""
        from techbridge.core.text.analysis import Term

        found: list[Term] = []
        if self._han and lang == "zh":
            compact = normalize(text).replace(" ", "")
            for label, concept in self._han.items():
                found.extend(
                    Term(PREFIX + concept, 1.0, label, label, "concept") for _ in range(compact.count(label))
                )
        if self._words and lang != "zh":
            keys = self._keys(lang)
            forms = [word_form(w, lang) for w in words]
            firsts = self._firsts[lang]
            # only a word that starts some label can start an occurrence (same hits, same order)
            starts = [start for start, form in enumerate(forms) if form in firsts]
            for size in range(1, self._longest + 1):
                for start in starts:
                    if start + size > len(forms):
                        break
                    hit = keys.get(tuple(forms[start : start + size]))
                    # a one-word label that is a function word here ("ai" is Albanian "he")
                    if hit is not None and not (size == 1 and words[start] in stop_words(lang)):
                        label = " ".join(words[start : start + size])
                        found.append(Term(PREFIX + hit, 1.0, label, label, "concept"))
        return found
