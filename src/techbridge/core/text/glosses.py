"""English glosses to weighted pivot terms: clean a dictionary gloss, stem its content words, weigh.

A foreign word with n glosses spreads one unit of weight over them (1/n each, the uniform
translation model of dictionary-based CLIR, Pirkola 1998 "The effects of query structure and
dictionary setups in dictionary-based cross-language information retrieval"); a multi-word gloss
splits its share over its content words, so single-word glosses weigh more per term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from techbridge.core.text.stemming import stem_words
from techbridge.core.text.stopwords import stop_words

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|<[^>]*>")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# CC-CEDICT and Wiktionary meta glosses that are not translations.
_META = re.compile(
    r"^(?:cl:|variant of|old variant|see |see also|abbr\. |surname |used in |"
    r"\w+ pr\.|erhua variant|japanese variant|taiwan pr\.|classifier for|"
    r"(?:nominative|genitive|dative|accusative|instrumental|locative|vocative|plural|singular|"
    r"feminine|masculine|neuter|diminutive|augmentative|comparative|superlative|past|present|"
    r"inflection|alternative|archaic|obsolete|form) )"
)
_EXTRA_STOP = frozenset(
    ["sth", "sb", "something", "someone", "somebody", "one's", "etc", "e", "g", "i", "e", "oneself"]
)


@dataclass(frozen=True)
class Gloss:
    """A cleaned gloss: its English content words and their stems (same order)."""

    words: tuple[str, ...]
    stems: tuple[str, ...]


@lru_cache(maxsize=500_000)
def parse_gloss(gloss: str) -> Gloss | None:
    """Content words and stems of one English gloss; None for a meta gloss or one without content."""
    text = gloss.strip().lower()
    if not text or _META.match(text):
        return None
    text = _PARENS.sub(" ", text)
    if text.startswith("to "):
        text = text[3:]
    english_stop = stop_words("en")
    words = tuple(w for w in _WORD.findall(text) if w not in english_stop and w not in _EXTRA_STOP)
    if not words or len(words) > 6:  # a long definition is an explanation, not a translation
        return None
    return Gloss(words, tuple(stem_words(list(words), "en")))


def weigh_glosses(glosses: list[str]) -> dict[str, tuple[float, str]]:
    """Pivot stems of a word's glosses with weights summing to 1, and the English word of each stem."""
    parsed = [g for g in dict.fromkeys(parse_gloss(gloss) for gloss in glosses) if g is not None]
    terms: dict[str, tuple[float, str]] = {}
    for gloss in parsed:
        share = 1.0 / (len(parsed) * len(gloss.stems))
        for word, term in zip(gloss.words, gloss.stems, strict=True):
            weight, shown = terms.get(term, (0.0, word))
            terms[term] = (weight + share, shown)
    return terms
