"""The original words behind the pivot terms of an explanation ("储能 ↔ energii"), for readers of ``why``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from techbridge.core.matching.documents import MatchDocument

TEXT_LIMIT = 4000  # characters of a document read for its words: shared terms are mostly in its first part


def words_of(analyzer: Any, doc: MatchDocument) -> dict[str, str]:
    """Pivot term -> the first word of ``doc`` that produced it, part by part (:meth:`MatchDocument.parts`).

    Needs an analyzer that reports words (``terms(text, lang)``, as :class:`techbridge.core.text.analysis.Analyzer`
    does); with a plain analysing function the answer is empty. A part the analyzer refuses is skipped."""
    terms = _word_reader(analyzer)
    found: dict[str, str] = {}
    if terms is None:
        return found
    room = TEXT_LIMIT
    for text, lang in doc.parts():
        if room <= 0:
            break
        try:
            for term in terms(text[:room], lang):
                found.setdefault(term.term, term.word)
        except ValueError:  # an unknown language or an oversized part: no words from it
            pass
        room -= len(text)
    return found


def _word_reader(analyzer: Any) -> Callable[..., Any] | None:
    """``terms(text, lang)`` of the analyzer an index uses: an Analyzer, its bound ``analyze``, or the default."""
    from techbridge.core.text import analysis

    if analyzer is analysis.analyze:  # MatchIndex's default: the process's default Analyzer
        return analysis.default_analyzer().terms
    return getattr(getattr(analyzer, "__self__", analyzer), "terms", None)


def with_words(
    why: dict[str, Any], query_words: dict[str, str], match_words: dict[str, str]
) -> dict[str, Any]:
    """``why`` (:meth:`Match.why`) with each term's original word on the query side and on the match side."""
    for entry in why.get("terms", []):
        if entry["term"] in query_words:
            entry["query_word"] = query_words[entry["term"]]
        if entry["term"] in match_words:
            entry["match_word"] = match_words[entry["term"]]
    return why
