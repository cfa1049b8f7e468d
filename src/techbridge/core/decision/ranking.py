"""The ranking result shared by every method, plus TOPSIS and the weighted sum.

TOPSIS follows Hwang & Yoon (1981), *Multiple Attribute Decision Making*, with vector normalisation;
the single-weight path calls pymcdm's TOPSIS, the batched path (many weight vectors at once, for SMAA
and sensitivity) is our own numpy version, and the tests check that the two agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization
from scipy.stats import rankdata

from .matrix import DecisionMatrix, FloatArray, IntArray


@dataclass(frozen=True, eq=False)
class Ranking:
    """Scores and ranks (1 = best, ties share the better rank) of the sites under one method."""

    method: str
    alternatives: tuple[str, ...]
    scores: FloatArray
    ranks: IntArray
    higher_is_better: bool = True
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def order(self) -> tuple[str, ...]:
        """Sites best first (ties broken by input order)."""
        idx = np.argsort(self.ranks, kind="stable")
        return tuple(self.alternatives[i] for i in idx)

    @property
    def top(self) -> str:
        return self.order[0]

    def rank_of(self, site: str) -> int:
        return int(self.ranks[self.alternatives.index(site)])

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form for a service to store."""
        return {
            "method": self.method,
            "order": list(self.order),
            "scores": {a: float(s) for a, s in zip(self.alternatives, self.scores, strict=True)},
            "ranks": {a: int(r) for a, r in zip(self.alternatives, self.ranks, strict=True)},
        }


def ranks_from_scores(scores: FloatArray, higher_is_better: bool = True) -> IntArray:
    """Competition ranks (1 = best; equal scores, up to 1e-12, share the better rank)."""
    keyed = -scores if higher_is_better else scores
    keyed = np.round(keyed, 12)
    return rankdata(keyed, method="min").astype(np.int64)


def make_ranking(
    method: str, dm: DecisionMatrix, scores: FloatArray, higher_is_better: bool = True, **details: Any
) -> Ranking:
    scores = np.asarray(scores, dtype=np.float64)
    return Ranking(
        method,
        dm.alternatives,
        scores,
        ranks_from_scores(scores, higher_is_better),
        higher_is_better,
        details,
    )


def topsis(dm: DecisionMatrix) -> Ranking:
    """TOPSIS closeness coefficient C_i = D-_i / (D+_i + D-_i) (Hwang & Yoon 1981), vector normalisation.

    Computed by pymcdm; a criterion whose column is all zero is dropped (it cannot be vector-normalised);
    if every site is identical, all score 0.5.
    """
    usable = np.any(dm.values != 0, axis=0)
    weights = dm.weights[usable] / dm.weights[usable].sum()
    method = TOPSIS(normalization_function=vector_normalization)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.asarray(
            method(dm.values[:, usable], weights, dm.signs[usable].astype(int), validation=False)
        )
    # D+ = D- = 0 only when every site equals the ideal: no site is closer, all get 0.5 (as the batched path)
    return make_ranking("topsis", dm, np.where(np.isfinite(scores), scores, 0.5))


def weighted_sum(dm: DecisionMatrix) -> Ranking:
    """Additive value with linear min-max partial values (the SMAA-2 default value model)."""
    return make_ranking("weighted_sum", dm, minmax_values(dm.values, dm.signs) @ dm.weights)


def minmax_values(values: FloatArray, signs: FloatArray) -> FloatArray:
    """Linear 0..1 partial values over the sites axis (-2) of an (..., n, m) array; constant column -> 0."""
    lo, hi = values.min(axis=-2, keepdims=True), values.max(axis=-2, keepdims=True)
    span = hi - lo
    norm = (values - lo) / np.where(span > 0, span, 1.0)
    norm = np.where(signs > 0, norm, 1.0 - norm)
    return np.where(span > 0, norm, 0.0)


def vector_values(values: FloatArray, signs: FloatArray) -> FloatArray:
    """Column / Euclidean norm over the sites axis, larger is better (cost: 1 - r, as pymcdm does)."""
    norms = np.sqrt((values**2).sum(axis=-2, keepdims=True))
    r = values / np.where(norms > 0, norms, 1.0)
    return np.where(signs > 0, r, 1.0 - r)


def _topsis_from_gaps(
    gap_best: FloatArray, gap_worst: FloatArray, w2: FloatArray, paired: bool
) -> FloatArray:
    if paired:  # one table per weight row: (k, n, m) with (k, m)
        d_plus = np.sqrt(np.einsum("knm,km->kn", gap_best, w2))
        d_minus = np.sqrt(np.einsum("knm,km->kn", gap_worst, w2))
    else:
        d_plus, d_minus = np.sqrt(w2 @ gap_best.T), np.sqrt(w2 @ gap_worst.T)
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def array_scores(values: FloatArray, signs: FloatArray, weights: FloatArray, model: str) -> FloatArray:
    """(k, m) weights -> (k, n) scores, higher is better. `values` is one (n, m) table or one (k, n, m)
    table per weight row. Models: "weighted_sum" (min-max additive value) and "topsis" (vector
    normalisation; squared distances are products with the squared weights).
    """
    weights = np.atleast_2d(weights)
    paired = values.ndim == 3
    if model == "weighted_sum":
        v = minmax_values(values, signs)
        return np.einsum("knm,km->kn", v, weights) if paired else weights @ v.T
    if model == "topsis":
        r = vector_values(values, signs)
        gap_best = (r - r.max(axis=-2, keepdims=True)) ** 2
        gap_worst = (r - r.min(axis=-2, keepdims=True)) ** 2
        return _topsis_from_gaps(gap_best, gap_worst, weights**2, paired)
    raise ValueError(f"unknown value model {model!r} for array scores; use 'weighted_sum' or 'topsis'")


def weight_scorer(dm: DecisionMatrix, model: str) -> Callable[[FloatArray], FloatArray]:
    """A function (k, m) weights -> (k, n) scores (higher is better) with the table's normalisation
    done once. Models: "weighted_sum", "topsis", "promethee" (PROMETHEE II net flows are linear in the
    weights, phi = sum_j w_j phi_j, with the usual preference function).
    """
    if model == "weighted_sum":
        v = minmax_values(dm.values, dm.signs)
        return lambda w: np.atleast_2d(w) @ v.T
    if model == "topsis":
        r = vector_values(dm.values, dm.signs)
        gap_best, gap_worst = (r - r.max(axis=0)) ** 2, (r - r.min(axis=0)) ** 2
        return lambda w: _topsis_from_gaps(gap_best, gap_worst, np.atleast_2d(w) ** 2, False)
    if model == "promethee":
        from .promethee import unicriterion_flows

        flows = unicriterion_flows(dm)
        return lambda w: np.atleast_2d(w) @ flows.T
    raise ValueError(f"unknown value model {model!r}; use 'weighted_sum', 'topsis' or 'promethee'")


def batch_scores(dm: DecisionMatrix, weights: FloatArray, model: str) -> FloatArray:
    """Scores of every site for each weight row: (k, m) weights -> (k, n) scores (see `weight_scorer`)."""
    return weight_scorer(dm, model)(weights)
