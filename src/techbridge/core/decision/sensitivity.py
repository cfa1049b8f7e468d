"""Deterministic robustness checks: one-at-a-time weight stability of the top site, and rank reversal.

Weight stability follows the usual one-at-a-time scheme (e.g. Triantaphyllou & Sanchez 1997, Decision
Sciences 28(1); Opricovic & Tzeng 2007, EJOR 178, "weight stability intervals"): criterion j's weight
moves over [0, 1] while the others keep their proportions and are rescaled to sum to 1 - w_j. The
interval is found on a grid and refined by bisection. Rank reversal: Wang & Luo (2009), Math. Comput.
Model. 49 - re-rank after adding or removing a site and list pairs whose order flips.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .matrix import DecisionInputError, DecisionMatrix, FloatArray
from .ranking import Ranking, weight_scorer

RankingMethod = Callable[[DecisionMatrix], Ranking]
Scorer = Callable[[FloatArray], FloatArray]


@dataclass(frozen=True)
class WeightInterval:
    """Criterion `criterion`'s weight may range over [low, high] (others rescaled) with `top` still first.

    `lower_challenger` / `upper_challenger` is the site that overtakes just beyond each end (None when the
    end is 0 or 1 and nobody overtakes).
    """

    criterion: str
    weight: float
    low: float
    high: float
    top: str
    lower_challenger: str | None
    upper_challenger: str | None

    @property
    def width(self) -> float:
        return self.high - self.low


def _scorer(dm: DecisionMatrix, method: str | RankingMethod) -> Scorer:
    """Map (k, m) weight rows to (k, n) scores (higher is better) for a value model name or a method."""
    if isinstance(method, str):
        return weight_scorer(dm, method)

    def by_rank(w: FloatArray) -> FloatArray:
        rows = [-method(dm.with_weights(row)).ranks.astype(np.float64) for row in np.atleast_2d(w)]
        return np.array(rows)

    return by_rank


def moved_weights(weights: FloatArray, j: int, t: float | FloatArray) -> FloatArray:
    """Rows of weights with w_j = t and the other weights rescaled proportionally to sum to 1 - t."""
    ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
    if weights.size == 1:  # a single criterion: its weight is scale only
        return ts[:, None].copy()
    others = weights.copy()
    others[j] = 0.0
    rest = others.sum()
    base = (
        others / rest if rest > 0 else np.where(np.arange(weights.size) == j, 0.0, 1.0 / (weights.size - 1))
    )
    out = (1.0 - ts)[:, None] * base[None, :]
    out[:, j] = ts
    return out


def _is_top(scores: FloatArray, top: int) -> np.ndarray:
    return scores[:, top] >= scores.max(axis=1) - 1e-12


def _challenger(scores: FloatArray, top: int) -> int:
    masked = scores.copy()
    masked[top] = -np.inf
    return int(np.argmax(masked))


def _edge(score: Scorer, weights: FloatArray, j: int, top: int, good: float, bad: float, tol: float) -> float:
    """Bisect between a weight where `top` is first (good) and one where it is not (bad)."""
    while abs(bad - good) > tol:
        mid = 0.5 * (good + bad)
        if _is_top(score(moved_weights(weights, j, mid)), top)[0]:
            good = mid
        else:
            bad = mid
    return good


def weight_stability(
    dm: DecisionMatrix, method: str | RankingMethod = "topsis", grid: int = 101, tol: float = 1e-5
) -> list[WeightInterval]:
    """For each criterion, the interval of its weight over which the current top site stays first.

    `method` is a value-model name ("topsis", "weighted_sum", "promethee"; batched) or any function
    DecisionMatrix -> Ranking (e.g. `vikor`), evaluated weight by weight. Exact up to `tol` as long as the
    top site's region is not split by a gap narrower than the grid step 1/(grid-1).
    """
    if grid < 3:
        raise DecisionInputError(f"grid must have at least 3 points, got {grid}")
    score = _scorer(dm, method)
    w0 = dm.weights
    top = int(np.argmax(score(w0[None, :])[0]))
    out = []
    for j, crit in enumerate(dm.criteria):
        ts = np.unique(np.append(np.linspace(0.0, 1.0, grid), w0[j]))
        ok = _is_top(score(moved_weights(w0, j, ts)), top)
        here = int(np.searchsorted(ts, w0[j]))
        lo_i, hi_i = here, here
        while lo_i > 0 and ok[lo_i - 1]:
            lo_i -= 1
        while hi_i < ts.size - 1 and ok[hi_i + 1]:
            hi_i += 1
        low = (
            float(ts[lo_i])
            if lo_i == 0
            else _edge(score, w0, j, top, float(ts[lo_i]), float(ts[lo_i - 1]), tol)
        )
        high = (
            float(ts[hi_i])
            if hi_i == ts.size - 1
            else _edge(score, w0, j, top, float(ts[hi_i]), float(ts[hi_i + 1]), tol)
        )
        low_ch = (
            None if lo_i == 0 else _challenger(score(moved_weights(w0, j, max(low - 2 * tol, 0.0)))[0], top)
        )
        high_ch = (
            None
            if hi_i == ts.size - 1
            else _challenger(score(moved_weights(w0, j, min(high + 2 * tol, 1.0)))[0], top)
        )
        out.append(
            WeightInterval(
                crit.name,
                float(w0[j]),
                float(low),
                float(high),
                dm.alternatives[top],
                None if low_ch is None else dm.alternatives[low_ch],
                None if high_ch is None else dm.alternatives[high_ch],
            )
        )
    return out


@dataclass(frozen=True)
class RankReversal:
    """Rankings before and after a change of the site set, and the pairs (a, b) that flipped:
    a was strictly above b before and b is strictly above a after."""

    before: Ranking
    after: Ranking
    flipped: tuple[tuple[str, str], ...]

    @property
    def top_changed(self) -> bool:
        return self.before.top != self.after.top

    @property
    def has_reversal(self) -> bool:
        return bool(self.flipped)


def rank_reversal(
    dm: DecisionMatrix,
    method: RankingMethod,
    add: tuple[str, Mapping[str, Any] | Sequence[Any]] | None = None,
    remove: str | None = None,
) -> RankReversal:
    """Re-rank with one site added (name, values) and/or one removed; report flipped pairs of common sites."""
    if add is None and remove is None:
        raise DecisionInputError("rank_reversal needs a site to add or to remove")
    changed = dm
    if remove is not None:
        changed = changed.without(remove)
    if add is not None:
        changed = changed.with_site(add[0], add[1])
    before, after = method(dm), method(changed)
    common = [a for a in dm.alternatives if a in changed.alternatives]
    rb = {a: before.rank_of(a) for a in common}
    ra = {a: after.rank_of(a) for a in common}
    flipped = tuple((a, b) for a in common for b in common if a != b and rb[a] < rb[b] and ra[a] > ra[b])
    return RankReversal(before, after, flipped)
