"""VIKOR compromise ranking with the acceptable-advantage and stability conditions.

Opricovic & Tzeng (2004), "Compromise solution by MCDM methods: a comparative analysis of VIKOR and
TOPSIS", EJOR 156, 445-455. S (group utility), R (individual regret) and Q are computed here because the
conditions need S and R and a constant criterion must be tolerated (pymcdm's VIKOR raises); the tests
check Q against pymcdm's VIKOR.
"""

from __future__ import annotations

import numpy as np

from .matrix import DecisionInputError, DecisionMatrix, FloatArray
from .ranking import Ranking, make_ranking


def _spread_ratio(x: FloatArray) -> FloatArray:
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)


def vikor(dm: DecisionMatrix, v: float = 0.5) -> Ranking:
    """Rank by Q (lower is better); details: S, R, Q, dq, acceptable_advantage, acceptable_stability,
    compromise_set (site names), proposed according to the two conditions of Opricovic & Tzeng (2004).
    """
    if not 0.0 <= v <= 1.0:
        raise DecisionInputError(f"VIKOR v (weight of the majority strategy) must be in [0, 1], got {v}")
    oriented = dm.values * dm.signs
    best, worst = oriented.max(axis=0), oriented.min(axis=0)
    span = best - worst
    # A constant criterion separates nobody: its regret term is zero for every site.
    gap = np.where(span > 0, (best - oriented) / np.where(span > 0, span, 1.0), 0.0)
    weighted = gap * dm.weights
    s, r = weighted.sum(axis=1), weighted.max(axis=1)
    q = v * _spread_ratio(s) + (1.0 - v) * _spread_ratio(r)
    n = len(dm.alternatives)
    # Ties on Q are broken by S then R, so that the order is the one the conditions are checked on.
    order = np.lexsort((r, s, q))
    dq = 1.0 / (n - 1) if n > 1 else 0.0
    first, second = order[0], order[1] if n > 1 else order[0]
    advantage = n < 2 or bool(q[second] - q[first] >= dq - 1e-12)
    stability = bool(np.isclose(s[first], s.min()) or np.isclose(r[first], r.min()))
    if advantage and stability:
        chosen = [first]
    elif advantage:
        chosen = [first, second]
    else:
        chosen = [int(i) for i in order if q[i] - q[first] < dq - 1e-12]
    ranking = make_ranking(
        "vikor",
        dm,
        q,
        higher_is_better=False,
        S=s,
        R=r,
        Q=q,
        dq=dq,
        acceptable_advantage=advantage,
        acceptable_stability=stability,
        compromise_set=tuple(dm.alternatives[i] for i in chosen),
    )
    return _with_tie_order(ranking, order)


def _with_tie_order(ranking: Ranking, order: np.ndarray) -> Ranking:
    """Ranks follow the (Q, S, R) lexicographic order; sites equal on all three share a rank."""
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(1, len(order) + 1)
    q = ranking.scores
    # equal Q, S and R share a rank; otherwise the lexicographic position decides
    for pos in range(1, len(order)):
        a, b = order[pos - 1], order[pos]
        if np.isclose(q[a], q[b]) and all(
            np.isclose(ranking.details[k][a], ranking.details[k][b]) for k in "SR"
        ):
            ranks[b] = ranks[a]
    return Ranking(ranking.method, ranking.alternatives, q, ranks, False, ranking.details)
