"""Technology assessment: score validation, aggregation across evaluators, and the conflict-of-interest rule.

The criteria follow common technology-valuation checklists (readiness after the NASA/EU TRL scale, IP
strength and freedom to operate, market potential, team, fit with the partner, risks); each is scored on
an integer scale. Spread between evaluators is the population standard deviation (divide by n), so one
evaluator has spread 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

CRITERIA: tuple[str, ...] = ("readiness", "ip", "market", "team", "fit", "risks")
SCALE = (1, 5)


@dataclass(frozen=True)
class CriterionSummary:
    criterion: str
    n: int
    mean: float | None
    min: int | None
    max: int | None
    std: float | None


def validate_scores(
    scores: Mapping[str, object], criteria: Sequence[str] = CRITERIA, scale: tuple[int, int] = SCALE
) -> tuple[dict[str, int], dict[str, str]]:
    """Integer scores per criterion and errors per field (`score_<criterion>`); every criterion is needed."""
    lo, hi = scale
    clean: dict[str, int] = {}
    errors: dict[str, str] = {}
    for c in criteria:
        raw = scores.get(c)
        name = f"score_{c}"
        if raw is None or raw == "":
            errors[name] = f"Give a score from {lo} to {hi} for {c}."
            continue
        try:
            value = int(str(raw).strip())
            if str(raw).strip() not in (str(value), f"{value}.0"):
                raise ValueError
        except ValueError:
            errors[name] = f"The score for {c} must be a whole number from {lo} to {hi}, not {raw!r}."
            continue
        if not lo <= value <= hi:
            errors[name] = f"The score for {c} must be from {lo} to {hi}, not {value}."
            continue
        clean[c] = value
    unknown = sorted(set(scores) - set(criteria))
    if unknown:
        errors["scores"] = f"Unknown criteria: {', '.join(unknown)}."
    return clean, errors


def summarise(values: Iterable[int]) -> tuple[int, float | None, int | None, int | None, float | None]:
    """(n, mean, min, max, population standard deviation) of the values; None for an empty list."""
    vals = list(values)
    n = len(vals)
    if n == 0:
        return 0, None, None, None, None
    mean = sum(vals) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in vals) / n)
    return n, mean, min(vals), max(vals), std


def aggregate(
    sheets: Sequence[Mapping[str, int]], criteria: Sequence[str] = CRITERIA
) -> list[CriterionSummary]:
    """One summary per criterion over the evaluators' score sheets (a missing score is left out)."""
    out = []
    for c in criteria:
        n, mean, lo, hi, std = summarise(s[c] for s in sheets if c in s)
        out.append(CriterionSummary(c, n, mean, lo, hi, std))
    return out


def overall(summaries: Sequence[CriterionSummary]) -> float | None:
    """Unweighted mean of the criterion means (None when nothing was scored)."""
    means = [s.mean for s in summaries if s.mean is not None]
    return sum(means) / len(means) if means else None


def conflict_reason(
    evaluator_organisation: object | None,
    party_organisations: Iterable[object],
    declared_ties: Iterable[object],
) -> str | None:
    """Why an evaluator may not assess a case, or None: member of a party's organisation, or a declared tie."""
    parties = set(party_organisations)
    if evaluator_organisation is not None and evaluator_organisation in parties:
        return "organisation"
    if parties & set(declared_ties):
        return "tie"
    return None
