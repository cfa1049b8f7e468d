"""English glosses to weighted pivot terms: clean a dictionary gloss, stem its content words, weigh.

A foreign word with n glosses spreads its weight over them (1/n each, the uniform
translation model of dictionary-based CLIR, Pirkola 1998 "The effects of query structure and
dictionary setups in dictionary-based cross-language information retrieval"); a multi-word gloss
splits its share over its content words, so single-word glosses weigh more per term; stems shared by
several glosses add up, and the result is scaled so the best supported term weighs 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from techbridge.core.text.stemming import english_keys
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
    function: bool = False  # only function words ("my", "of the"): kept only when asked


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
    every = _WORD.findall(text)
    words = tuple(w for w in every if w not in english_stop and w not in _EXTRA_STOP)
    function = not words and 0 < len(every) <= 3
    if function:
        words = tuple(every)
    if not words or len(words) > 6 or (len(words) == 1 and len(words[0]) == 1 and not function):
        # a long definition is an explanation, not a translation; a lone letter is noise
        return None
    return Gloss(words, tuple(english_keys(list(words))), function)


def weigh_glosses(
    glosses: list[str], function_words: bool = False, is_function: bool = False
) -> dict[str, tuple[float, str]]:
    """Pivot stems of a word's glosses, weights scaled so the best is 1, and each stem's English word.

    Glosses made only of function words count only with ``function_words``; then a foreign function
    word (``is_function``) keeps only those glosses.
    """
    # No de-duplication: a gloss repeated by several merged sources is better supported.
    senses: list[list[Gloss]] = []
    for text in glosses:
        alternatives = [
            g
            for g in (parse_gloss(part) for part in _alternatives(text))
            if g is not None and (function_words or not g.function)
        ]
        if is_function and function_words:
            # a function word rendered by a content word is nearly always the wrong sense
            # (Hungarian "a" is "the", not "black"; Chinese "了" is not "clear")
            alternatives = [g for g in alternatives if g.function]
        if alternatives:
            senses.append(alternatives)
    terms: dict[str, tuple[float, str]] = {}
    for alternatives in senses:
        for gloss in alternatives:
            share = 1.0 / (len(senses) * len(alternatives) * len(gloss.stems))
            for word, term in zip(gloss.words, gloss.stems, strict=True):
                weight, shown = terms.get(term, (0.0, word))
                terms[term] = (weight + share, shown)
    # Scale to a best weight of 1: an ambiguous word keeps its main sense at full strength, and
    # its less supported senses stay proportionally weaker.
    top = max((weight for weight, _ in terms.values()), default=1.0)
    return {term: (weight / top, shown) for term, (weight, shown) in terms.items()}


def _alternatives(gloss: str) -> list[str]:
    """The renderings of one sense: CC-CEDICT and Wiktionary separate near-synonyms with ";"
    ("to store up; to keep in reserve"); a ";" inside brackets is part of a note."""
    if ";" not in gloss:
        return [gloss]
    if _META.match(gloss.strip().lower()):
        return [gloss]
    return [part for part in _PARENS.sub(" ", gloss).split(";") if part.strip()]
