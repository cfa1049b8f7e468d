"""Typed inputs and outputs of the docking engine: profiles to match, matches with their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Indexed text fields and their default weights (title and keywords are short and dense, so a hit
# there says more than one in a long description; cf. BM25F field weights, Robertson et al. 2004).
FIELD_WEIGHTS: dict[str, float] = {"title": 3.0, "keywords": 2.0, "summary": 1.5, "description": 1.0}
FIELDS: tuple[str, ...] = tuple(FIELD_WEIGHTS)

# Profile kinds (glossary: Profile) and which kinds answer which.
OFFER, REQUEST, PARTNER_SEARCH, BUSINESS = "offer", "request", "partner_search", "business"
KINDS: tuple[str, ...] = (OFFER, REQUEST, PARTNER_SEARCH, BUSINESS)
COMPATIBLE_KINDS: dict[str, frozenset[str]] = {
    OFFER: frozenset({REQUEST, PARTNER_SEARCH}),
    REQUEST: frozenset({OFFER, PARTNER_SEARCH}),
    PARTNER_SEARCH: frozenset({PARTNER_SEARCH, OFFER, REQUEST}),
    BUSINESS: frozenset({BUSINESS}),
}


class MatchingError(ValueError):
    """Input the engine refuses: the message names the document and field."""


@dataclass(frozen=True)
class MatchDocument:
    """A profile (or a query) as the engine sees it.

    ``trl`` is the profile's technology readiness level (1-9); on a request ``trl_min`` is the
    level it needs. ``partnerships`` are partnership types sought or offered (licence, joint R&D,
    ...); ``target_countries`` are ISO codes the author wants partners from; ``concepts`` are
    taxonomy term ids; ``popularity`` is a non-negative activity count (e.g. past projects).
    ``translations`` are (language, title, summary) of the same profile in other languages: each is analysed in
    its own language and counts in the title and summary fields (an English title read as Polish or Chinese
    text picks up words of those lexicons that happen to be spelt alike).
    """

    id: str
    text: str = ""
    title: str = ""
    summary: str = ""
    keywords: tuple[str, ...] = ()
    lang: str | None = None
    country: str | None = None
    kind: str | None = None
    trl: int | None = None
    trl_min: int | None = None
    partnerships: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    popularity: float = 0.0
    translations: tuple[tuple[str | None, str, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise MatchingError("document id must be a non-empty string")
        for item in self.translations:
            if not (isinstance(item, tuple) and len(item) == 3 and all(isinstance(v, str) for v in item[1:])):
                raise MatchingError(
                    f"document {self.id}: a translation must be (language, title, summary), got {item!r}"
                )
        if self.kind is not None and self.kind not in KINDS:
            raise MatchingError(f"document {self.id}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        for name in ("trl", "trl_min"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, int) and 1 <= value <= 9):
                raise MatchingError(f"document {self.id}: {name} must be an integer 1-9, got {value!r}")
        if self.popularity < 0:
            raise MatchingError(f"document {self.id}: popularity must be >= 0")

    def fields(self) -> dict[str, str]:
        """Text of each indexed field (``text`` is the description)."""
        return {
            "title": self.title,
            "keywords": " ; ".join(self.keywords),
            "summary": self.summary,
            "description": self.text,
        }

    def parts(self) -> list[tuple[str, str | None]]:
        """Every indexed text with its language, in the order an explanation looks for a shared word: title,
        summary, keywords (English taxonomy labels), translations, description. Empty texts are left out."""
        parts: list[tuple[str, str | None]] = [(self.title, self.lang), (self.summary, self.lang)]
        parts.append((" ; ".join(self.keywords), "en"))
        for lang, title, summary in self.translations:
            parts += [(title, lang), (summary, lang)]
        parts.append((self.text, self.lang))
        return [(text, lang) for text, lang in parts if text.strip()]

    def is_empty(self) -> bool:
        texts = [*self.fields().values(), *(text for _lang, *parts in self.translations for text in parts)]
        return not any(value.strip() for value in texts)

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MatchDocument:
        """Build from a JSON object; unknown keys are ignored, lists become tuples."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("keywords", "partnerships", "target_countries", "concepts"):
            value = known.get(name)
            if isinstance(value, str):
                known[name] = (value,)
            elif value is not None:
                known[name] = tuple(str(v) for v in value)
        if "id" in known:
            known["id"] = str(known["id"])
        if "translations" in known:
            known["translations"] = _translations(known.get("id"), known["translations"])
        return cls(**known)


def _translations(doc_id: object, value: object) -> tuple[tuple[str | None, str, str], ...]:
    """JSON translations ([language, title, summary] or {"lang", "title", "summary"} each) as tuples."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise MatchingError(f"document {doc_id}: translations must be a list, got {type(value).__name__}")
    out = []
    for item in value:
        if isinstance(item, dict):
            item = [item.get("lang"), item.get("title", ""), item.get("summary", "")]
        if not (isinstance(item, list) and len(item) == 3):
            raise MatchingError(
                f"document {doc_id}: a translation must be [language, title, summary], got {item!r}"
            )
        lang, title, summary = item
        if (
            not (lang is None or isinstance(lang, str))
            or not isinstance(title, str)
            or not isinstance(summary, str)
        ):
            raise MatchingError(
                f"document {doc_id}: a translation's language, title and summary must be text"
            )
        out.append((lang or None, title, summary))
    return tuple(out)


@dataclass(frozen=True)
class Reason:
    """A structured reason: ``code`` plus ``params``, rendered by the UI in the reader's language."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class TermContribution:
    """How much one pivot term matched in one field added to the (uncalibrated) text score."""

    term: str
    field: str
    contribution: float
    generic: bool = False  # held by so many documents (see scoring.GENERIC_SHARE) that it says little


@dataclass(frozen=True)
class Match:
    """One ranked candidate: calibrated scores 0-100 in both directions and why."""

    id: str
    score: float
    score_forward: float
    score_backward: float
    raw: float
    terms: tuple[TermContribution, ...] = ()
    reasons: tuple[Reason, ...] = ()
    slot: int = field(default=-1, repr=False, compare=False)

    def why(self) -> dict[str, Any]:
        """The explanation as plain JSON data (terms by field, reason codes with params)."""
        by_field: dict[str, float] = {}
        for t in self.terms:
            by_field[t.field] = by_field.get(t.field, 0.0) + t.contribution
        return {
            "score_forward": round(self.score_forward, 1),
            "score_backward": round(self.score_backward, 1),
            "fields": {k: round(v, 3) for k, v in sorted(by_field.items(), key=lambda kv: -kv[1])},
            "terms": [
                {
                    "term": t.term,
                    "field": t.field,
                    "contribution": round(t.contribution, 3),
                    **({"generic": True} if t.generic else {}),
                }
                for t in self.terms
            ],
            "reasons": [r.to_dict() for r in self.reasons],
        }
