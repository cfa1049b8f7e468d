"""Choosing a portfolio of k sites: maximise total score under a budget and per-country diversity caps.

An exact 0-1 integer programme solved by HiGHS through `scipy.optimize.milp` (scores are real numbers,
so a MILP is a better fit than CP-SAT's integer coefficients). Before solving, the necessary conditions
are checked so that an infeasible request is explained with the binding facts, not a solver status.
The minimum cost of k sites with at most n per country is computed greedily, which is exact because the
country caps form a partition matroid (Edmonds 1971, Math. Programming 1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .matrix import DecisionInputError


@dataclass(frozen=True)
class PortfolioSite:
    """A candidate for the portfolio: its score (higher is better), cost and country code."""

    name: str
    country: str
    score: float
    cost: float


@dataclass(frozen=True)
class Portfolio:
    """The chosen sites (by descending score), their total score and cost, and sites per country."""

    sites: tuple[str, ...]
    total_score: float
    total_cost: float
    per_country: dict[str, int]


class PortfolioInfeasible(DecisionInputError):
    """No choice satisfies the constraints; `reasons` lists the binding facts."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("no feasible portfolio: " + "; ".join(self.reasons))


def _validate(sites: Sequence[PortfolioSite], k: int, budget: float, max_per_country: int | None) -> None:
    names = [s.name for s in sites]
    dupes = [n for n, c in Counter(names).items() if c > 1]
    if dupes:
        raise DecisionInputError(f"duplicate site name(s) in portfolio candidates: {', '.join(dupes)}")
    for s in sites:
        if not np.isfinite(s.score) or not np.isfinite(s.cost) or s.cost < 0:
            raise DecisionInputError(f"site {s.name!r}: score must be finite and cost finite and >= 0")
    if k < 1:
        raise DecisionInputError(f"k (number of sites) must be >= 1, got {k}")
    if budget < 0:
        raise DecisionInputError(f"budget must be >= 0, got {budget}")
    if max_per_country is not None and max_per_country < 1:
        raise DecisionInputError(f"max_per_country must be >= 1, got {max_per_country}")


def min_cost(
    sites: Iterable[PortfolioSite], k: int, max_per_country: int | None, required: Sequence[str] = ()
) -> tuple[float, list[str]] | None:
    """Cheapest choice of k sites including `required`, at most `max_per_country` per country, or None.

    Greedy (required first, then the cheapest that still fit their country's cap) is exact here.
    """
    chosen = [s for s in sites if s.name in set(required)]
    used = Counter(s.country for s in chosen)
    for s in sorted((s for s in sites if s.name not in set(required)), key=lambda s: s.cost):
        if len(chosen) >= k:
            break
        if max_per_country is None or used[s.country] < max_per_country:
            chosen.append(s)
            used[s.country] += 1
    if len(chosen) != k:
        return None
    return sum(s.cost for s in chosen), [s.name for s in chosen]


def _required_reasons(
    req: Sequence[PortfolioSite], k: int, budget: float, max_per_country: int | None
) -> list[str]:
    reasons = []
    if len(req) > k:
        reasons.append(f"{len(req)} required sites exceed k = {k}")
    req_cost = sum(s.cost for s in req)
    if req_cost > budget + 1e-9:
        reasons.append(f"the required sites alone cost {req_cost:g} > budget {budget:g}")
    if max_per_country is not None:
        for country, c in sorted(Counter(s.country for s in req).items()):
            if c > max_per_country:
                reasons.append(f"{c} required sites in {country} exceed {max_per_country} per country")
    return reasons


def explain_infeasible(
    sites: Sequence[PortfolioSite],
    k: int,
    budget: float,
    max_per_country: int | None,
    required: Sequence[str] = (),
    exactly_k: bool = True,
) -> list[str]:
    """The violated conditions (empty if a choice exists): candidate count, country capacity, budget
    versus the cheapest allowed k sites, and the required sites' own count, cost and countries."""
    reasons = _required_reasons([s for s in sites if s.name in set(required)], k, budget, max_per_country)
    if reasons or not exactly_k:
        return reasons
    countries = Counter(s.country for s in sites)
    if k > len(sites):
        reasons.append(f"k = {k} sites requested but only {len(sites)} candidates")
    if max_per_country is not None:
        capacity = sum(min(c, max_per_country) for c in countries.values())
        if k > capacity:
            reasons.append(
                f"too few countries: {len(countries)} countries allow at most {capacity} sites at "
                f"<= {max_per_country} per country, but k = {k}"
            )
    cheapest = min_cost(sites, k, max_per_country, required)
    if cheapest is not None and cheapest[0] > budget + 1e-9:
        reasons.append(
            f"the cheapest {k} sites allowed ({', '.join(cheapest[1])}) cost {cheapest[0]:g} > budget {budget:g}"
        )
    return reasons


def choose_portfolio(
    sites: Sequence[PortfolioSite],
    k: int,
    budget: float,
    max_per_country: int | None = None,
    exactly_k: bool = True,
    required: Sequence[str] = (),
    excluded: Sequence[str] = (),
) -> Portfolio:
    """Maximise total score over a choice of k (or at most k) sites, total cost <= budget, at most
    `max_per_country` per country, with `required` sites in and `excluded` sites out.

    Raises PortfolioInfeasible listing the binding facts when no choice exists.
    """
    _validate(sites, k, budget, max_per_country)
    known = {s.name for s in sites}
    unknown = [n for n in (*required, *excluded) if n not in known]
    if unknown:
        raise DecisionInputError(f"unknown site(s) in required/excluded: {', '.join(unknown)}")
    if set(required) & set(excluded):
        raise DecisionInputError(
            f"site(s) both required and excluded: {', '.join(set(required) & set(excluded))}"
        )
    pool = [s for s in sites if s.name not in set(excluded)]
    reasons = explain_infeasible(pool, k, budget, max_per_country, required, exactly_k)
    if reasons:
        raise PortfolioInfeasible(reasons)
    return _solve(pool, k, budget, max_per_country, exactly_k, set(required))


def _solve(
    pool: Sequence[PortfolioSite], k: int, budget: float, cap: int | None, exactly_k: bool, required: set[str]
) -> Portfolio:
    n = len(pool)
    scores = np.array([s.score for s in pool])
    costs = np.array([s.cost for s in pool])
    rows, lo, hi = [costs, np.ones(n)], [0.0, float(k) if exactly_k else 0.0], [budget, float(k)]
    if cap is not None:
        for country in sorted({s.country for s in pool}):
            rows.append(np.array([1.0 if s.country == country else 0.0 for s in pool]))
            lo.append(0.0)
            hi.append(float(cap))
    lower = np.array([1.0 if s.name in required else 0.0 for s in pool])
    res = milp(
        -scores,
        constraints=LinearConstraint(np.array(rows), lo, hi),
        integrality=np.ones(n),
        bounds=Bounds(lower, np.ones(n)),
    )
    if res.status != 0 or res.x is None:
        raise PortfolioInfeasible([f"the solver found no feasible choice ({res.message})"])
    chosen = [pool[int(i)] for i in np.flatnonzero(res.x > 0.5)]
    chosen.sort(key=lambda s: -s.score)
    return Portfolio(
        tuple(s.name for s in chosen),
        float(sum(s.score for s in chosen)),
        float(sum(s.cost for s in chosen)),
        dict(Counter(s.country for s in chosen)),
    )
