"""Criteria weights by the best-worst method (BWM), linear or original (nonlinear) model.

Rezaei (2015), "Best-worst multi-criteria decision-making method", Omega 53, 49-57 (nonlinear minmax
model and its consistency index table); Rezaei (2016), "... some properties and a linear model", Omega 64
(linear model, unique weights). The nonlinear model is quasi-convex: for a fixed xi its constraints
(a - xi) w_j <= w_B <= (a + xi) w_j are linear, so we bisect on xi with LP feasibility checks (global
optimum, no local solver). Groups: geometric mean of the judges' vectors (as AIJ for AHP).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import linprog

from .matrix import DecisionInputError, FloatArray

# Rezaei (2015), Table 5: consistency index (max xi) for a_BW = 1..9.
BWM_CONSISTENCY_INDEX = (0.0, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23)


@dataclass(frozen=True)
class BWMResult:
    """Weights, optimal xi, and consistency ratios (output-based xi*/CI, input-based of Liang et al. 2020)."""

    criteria: tuple[str, ...]
    weights: FloatArray
    xi: float
    model: str
    consistency_ratio: float | None
    input_consistency_ratio: float

    def as_dict(self) -> dict[str, float]:
        return dict(zip(self.criteria, map(float, self.weights), strict=True))


def _validate(
    best_to_others: Sequence[float] | FloatArray,
    others_to_worst: Sequence[float] | FloatArray,
    criteria: Sequence[str] | None,
) -> tuple[FloatArray, FloatArray, tuple[str, ...], int, int]:
    ab, aw = np.asarray(best_to_others, dtype=np.float64), np.asarray(others_to_worst, dtype=np.float64)
    n = ab.size
    names = tuple(criteria) if criteria is not None else tuple(f"c{i + 1}" for i in range(n))
    if ab.shape != (n,) or aw.shape != (n,) or len(names) != n or n < 2:
        raise DecisionInputError(
            f"best-to-others ({ab.size}), others-to-worst ({aw.size}) and criteria ({len(names)}) must have "
            "the same length >= 2"
        )
    for label, vec in (("best-to-others", ab), ("others-to-worst", aw)):
        for name, x in zip(names, vec, strict=True):
            if not math.isfinite(x) or x < 1:
                raise DecisionInputError(f"{label} judgement for {name!r} must be >= 1 (scale 1-9), got {x}")
    best, worst = _best_and_worst(ab, aw)
    if ab[best] != 1 or aw[worst] != 1:
        raise DecisionInputError("the best criterion compared with itself must be 1, and so must the worst")
    if not math.isclose(ab[worst], aw[best]):
        raise DecisionInputError(
            f"best-over-worst judged {ab[worst]:g} in best-to-others but {aw[best]:g} in others-to-worst "
            f"({names[best]!r} vs {names[worst]!r})"
        )
    return ab, aw, names, best, worst


def _best_and_worst(ab: FloatArray, aw: FloatArray) -> tuple[int, int]:
    """Best = a criterion with best-to-others 1, worst = one with others-to-worst 1; among tied candidates
    the one whose other judgement is largest (the best is the most preferred over the worst, and vice versa)."""
    best = int(np.lexsort((-aw, ab))[0])
    worst = int(np.lexsort((-ab, aw))[0])
    return best, worst


def _rows(ab: FloatArray, aw: FloatArray, best: int, worst: int) -> list[tuple[int, int, float]]:
    """(num, den, a) for every ratio w_num / w_den that should equal a."""
    n = ab.size
    rows = [(best, j, float(ab[j])) for j in range(n) if j != best]
    rows += [(j, worst, float(aw[j])) for j in range(n) if j not in (worst, best)]
    return rows


def _linear(ab: FloatArray, aw: FloatArray, best: int, worst: int) -> tuple[FloatArray, float]:
    """min xi s.t. |w_num - a w_den| <= xi, sum w = 1, w >= 0 (Rezaei 2016)."""
    n = ab.size
    a_ub, b_ub = [], []
    for num, den, a in _rows(ab, aw, best, worst):
        for sign in (1.0, -1.0):
            row = np.zeros(n + 1)
            row[num] += sign
            row[den] -= sign * a
            row[n] = -1.0
            a_ub.append(row)
            b_ub.append(0.0)
    c = np.zeros(n + 1)
    c[n] = 1.0
    a_eq = np.append(np.ones(n), 0.0)[None, :]
    res = linprog(
        c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=[(0, None)] * (n + 1), method="highs"
    )
    if res.status != 0:
        raise DecisionInputError(f"BWM linear model could not be solved: {res.message}")
    return res.x[:n], float(res.x[n])


def _feasible(ab: FloatArray, aw: FloatArray, best: int, worst: int, xi: float) -> FloatArray | None:
    """Weights with |w_num / w_den - a| <= xi for every judged ratio, or None."""
    n = ab.size
    a_ub, b_ub = [], []
    for num, den, a in _rows(ab, aw, best, worst):
        up, down = np.zeros(n), np.zeros(n)
        up[num], up[den] = 1.0, -(a + xi)  # w_num <= (a + xi) w_den
        down[num], down[den] = -1.0, max(a - xi, 0.0)  # w_num >= (a - xi) w_den
        a_ub += [up, down]
        b_ub += [0.0, 0.0]
    # weights bounded away from 0 so every ratio is defined
    res = linprog(
        np.zeros(n),
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=np.ones((1, n)),
        b_eq=[1.0],
        bounds=[(1e-9, None)] * n,
        method="highs",
    )
    return res.x if res.status == 0 else None


def _nonlinear(
    ab: FloatArray, aw: FloatArray, best: int, worst: int, tol: float = 1e-7
) -> tuple[FloatArray, float]:
    """min xi s.t. |w_B/w_j - a_Bj| <= xi, |w_j/w_W - a_jW| <= xi (Rezaei 2015), by bisection on xi."""
    lo, hi = 0.0, float(ab.max())
    w = _feasible(ab, aw, best, worst, hi)
    if w is None:  # pragma: no cover - xi = a_BW always admits equal weights
        raise DecisionInputError("BWM nonlinear model has no feasible weights")
    exact = _feasible(ab, aw, best, worst, 0.0)
    if exact is not None:
        return exact, 0.0
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        found = _feasible(ab, aw, best, worst, mid)
        if found is None:
            lo = mid
        else:
            hi, w = mid, found
    return w, hi


def input_consistency_ratio(ab: FloatArray, aw: FloatArray, best: int, worst: int) -> float:
    """max_j |a_Bj a_jW - a_BW| / (a_BW^2 - a_BW) (Liang, Brunelli & Rezaei 2020, Omega 96); 0 if a_BW = 1."""
    a_bw = float(ab[worst])
    if a_bw <= 1:
        return 0.0
    return float(np.max(np.abs(ab * aw - a_bw)) / (a_bw * a_bw - a_bw))


def bwm_weights(
    best_to_others: Sequence[float] | FloatArray,
    others_to_worst: Sequence[float] | FloatArray,
    criteria: Sequence[str] | None = None,
    model: Literal["linear", "nonlinear"] = "linear",
) -> BWMResult:
    """BWM weights; best = the criterion with best-to-others 1, worst = the one with others-to-worst 1.

    The output-based consistency ratio xi*/CI(a_BW) is reported for the nonlinear model (its CI table
    is defined for that model and integer a_BW in 1..9); the input-based ratio for both.
    """
    ab, aw, names, best, worst = _validate(best_to_others, others_to_worst, criteria)
    if model == "linear":
        w, xi = _linear(ab, aw, best, worst)
    elif model == "nonlinear":
        w, xi = _nonlinear(ab, aw, best, worst)
    else:
        raise DecisionInputError(f"unknown BWM model {model!r}; use 'linear' or 'nonlinear'")
    w = np.clip(w, 0.0, None)
    w = w / w.sum()
    cr = None
    a_bw = float(ab[worst])
    if model == "nonlinear" and a_bw.is_integer() and 1 <= a_bw <= 9:
        ci = BWM_CONSISTENCY_INDEX[int(a_bw) - 1]
        cr = xi / ci if ci > 0 else 0.0
    return BWMResult(names, w, xi, model, cr, input_consistency_ratio(ab, aw, best, worst))


def aggregate_bwm_vectors(vectors: Sequence[Sequence[float]]) -> FloatArray:
    """Element-wise geometric mean of several judges' comparison vectors."""
    arr = np.asarray(vectors, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] < 1:
        raise DecisionInputError("expected one comparison vector per judge, all of the same length")
    if np.any(~np.isfinite(arr)) or np.any(arr < 1):
        raise DecisionInputError("BWM judgements must be numbers >= 1")
    return np.asarray(np.exp(np.log(arr).mean(axis=0)), dtype=np.float64)


def group_bwm_weights(
    best_to_others: Sequence[Sequence[float]],
    others_to_worst: Sequence[Sequence[float]],
    criteria: Sequence[str] | None = None,
    model: Literal["linear", "nonlinear"] = "linear",
) -> BWMResult:
    """BWM weights from the geometric means of the judges' vectors (judges must agree on best and worst)."""
    if len(best_to_others) != len(others_to_worst):
        raise DecisionInputError("expected one best-to-others and one others-to-worst vector per judge")
    pairs = {
        _best_and_worst(np.asarray(ab, dtype=np.float64), np.asarray(aw, dtype=np.float64))
        for ab, aw in zip(best_to_others, others_to_worst, strict=True)
    }
    if len(pairs) != 1:
        raise DecisionInputError(
            "judges chose different best or worst criteria; aggregate their weights instead"
        )
    return bwm_weights(
        aggregate_bwm_vectors(best_to_others), aggregate_bwm_vectors(others_to_worst), criteria, model
    )
