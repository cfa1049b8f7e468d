"""PROMETHEE II net outranking flows with per-criterion preference functions.

Brans & Vincke (1985), "A preference ranking organisation method", Management Science 31(6); the six
generalised criteria of Brans, Vincke & Mareschal (1986), EJOR 24. Our own vectorised code (pymcdm has
no Gaussian function and one function for all criteria); the tests check it against pymcdm's PROMETHEE_II
on the functions both have.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .matrix import DecisionInputError, DecisionMatrix, FloatArray
from .ranking import Ranking, make_ranking

PreferenceKind = Literal["usual", "ushape", "linear", "level", "vshape_indifference", "gaussian"]


@dataclass(frozen=True)
class PreferenceFunction:
    """A generalised criterion P(d) for a difference d on one criterion (already oriented: d > 0 is better).

    usual (type I): P = [d > 0]; ushape (II): [d > q]; linear (III, "V-shape"): min(d/p, 1) for d > 0;
    level (IV): 1/2 on (q, p], 1 beyond p; vshape_indifference (V): (d - q)/(p - q) on (q, p], 1 beyond;
    gaussian (VI): 1 - exp(-d^2 / (2 s^2)) for d > 0.
    """

    kind: PreferenceKind = "usual"
    q: float = 0.0
    p: float = 0.0
    s: float = 0.0

    def __post_init__(self) -> None:
        if self.kind in ("linear",) and not self.p > 0:
            raise DecisionInputError(f"{self.kind} preference function needs p > 0, got p={self.p}")
        if self.kind in ("ushape", "level", "vshape_indifference") and self.q < 0:
            raise DecisionInputError(f"{self.kind} preference function needs q >= 0, got q={self.q}")
        if self.kind in ("level", "vshape_indifference") and not self.p > self.q:
            raise DecisionInputError(
                f"{self.kind} preference function needs p > q, got q={self.q}, p={self.p}"
            )
        if self.kind == "gaussian" and not self.s > 0:
            raise DecisionInputError(f"gaussian preference function needs s > 0, got s={self.s}")
        if self.kind not in ("usual", "ushape", "linear", "level", "vshape_indifference", "gaussian"):
            raise DecisionInputError(f"unknown preference function {self.kind!r}")

    def __call__(self, d: FloatArray) -> FloatArray:
        pos = d > 0
        if self.kind == "usual":
            out = pos.astype(np.float64)
        elif self.kind == "ushape":
            out = (d > self.q).astype(np.float64)
        elif self.kind == "linear":
            out = np.where(pos, np.minimum(d / self.p, 1.0), 0.0)
        elif self.kind == "level":
            out = np.where(d > self.p, 1.0, np.where(d > self.q, 0.5, 0.0))
        elif self.kind == "vshape_indifference":
            out = np.clip((d - self.q) / (self.p - self.q), 0.0, 1.0)
        else:
            out = np.where(pos, 1.0 - np.exp(-(d**2) / (2.0 * self.s**2)), 0.0)
        return np.asarray(out, dtype=np.float64)


def _functions(
    dm: DecisionMatrix, functions: PreferenceFunction | Sequence[PreferenceFunction] | None
) -> list[PreferenceFunction]:
    if functions is None:
        return [PreferenceFunction()] * len(dm.criteria)
    if isinstance(functions, PreferenceFunction):
        return [functions] * len(dm.criteria)
    if len(functions) != len(dm.criteria):
        raise DecisionInputError(f"got {len(functions)} preference functions for {len(dm.criteria)} criteria")
    return list(functions)


def _criterion_preferences(
    dm: DecisionMatrix, functions: PreferenceFunction | Sequence[PreferenceFunction] | None
) -> Iterator[FloatArray]:
    """P_j(a, b) for each criterion j in turn (one n x n array at a time, to bound memory)."""
    oriented = dm.values * dm.signs
    for j, fn in enumerate(_functions(dm, functions)):
        col = oriented[:, j]
        yield fn(col[:, None] - col[None, :])


def unicriterion_flows(
    dm: DecisionMatrix, functions: PreferenceFunction | Sequence[PreferenceFunction] | None = None
) -> FloatArray:
    """phi_j(a) = (sum_b P_j(a,b) - P_j(b,a)) / (n-1): an (n, m) array; the net flow is its product with w."""
    n = len(dm.alternatives)
    out = np.zeros((n, len(dm.criteria)))
    if n < 2:
        return out
    for j, pref in enumerate(_criterion_preferences(dm, functions)):
        out[:, j] = (pref.sum(axis=1) - pref.sum(axis=0)) / (n - 1)
    return out


def promethee_ii(
    dm: DecisionMatrix, functions: PreferenceFunction | Sequence[PreferenceFunction] | None = None
) -> Ranking:
    """PROMETHEE II complete ranking by net flow phi = phi+ - phi- (higher is better).

    details: phi_plus, phi_minus, pi (aggregated preference index, n x n).
    """
    n = len(dm.alternatives)
    pi = np.zeros((n, n))
    for w, pref in zip(dm.weights, _criterion_preferences(dm, functions), strict=True):
        pi += w * pref
    denom = max(n - 1, 1)
    phi_plus = pi.sum(axis=1) / denom
    phi_minus = pi.sum(axis=0) / denom
    return make_ranking(
        "promethee_ii", dm, phi_plus - phi_minus, phi_plus=phi_plus, phi_minus=phi_minus, pi=pi
    )


def gaussian_s_from_data(dm: DecisionMatrix) -> list[PreferenceFunction]:
    """Gaussian functions with s = standard deviation of each criterion (a common default, Brans 1986)."""
    out = []
    for j in range(len(dm.criteria)):
        sd = float(np.std(dm.values[:, j]))
        if not math.isfinite(sd) or sd <= 0:
            out.append(PreferenceFunction("usual"))
        else:
            out.append(PreferenceFunction("gaussian", s=sd))
    return out
