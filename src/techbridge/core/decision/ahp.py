"""Criteria weights from AHP pairwise comparisons, for one judge or a group.

Saaty (1977), "A scaling method for priorities in hierarchical structures", J. Math. Psych. 15; Saaty
(1990), "How to make a decision: the analytic hierarchy process", EJOR 48 (random indices, CR <= 0.1).
Group judgements are aggregated by the element-wise geometric mean (AIJ; Forman & Peniwati 1998, EJOR 108).
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .matrix import DecisionInputError, FloatArray

# Saaty's random consistency indices for n = 1..10 (Saaty 1980/1990); n > 10 uses the last value.
SAATY_RI = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
CR_THRESHOLD = 0.1


class InconsistentJudgementWarning(UserWarning):
    """Consistency ratio above 0.1; the message names the most inconsistent triple."""


class InconsistentJudgementError(DecisionInputError):
    """Consistency ratio above 0.1 when rejection was asked for; `result` keeps the computed weights."""

    def __init__(self, message: str, result: AHPResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class Triple:
    """Criteria (i, j, k) whose judgements disagree most: a_ij * a_jk should equal a_ik."""

    i: str
    j: str
    k: str
    a_ij: float
    a_jk: float
    a_ik: float

    @property
    def log_error(self) -> float:
        """|log(a_ij * a_jk / a_ik)|: 0 for a consistent triple."""
        return abs(math.log(self.a_ij * self.a_jk / self.a_ik))

    def describe(self) -> str:
        implied = self.a_ij * self.a_jk
        return (
            f"({self.i}, {self.j}, {self.k}): {self.i}/{self.j} = {self.a_ij:g} and {self.j}/{self.k} = "
            f"{self.a_jk:g} imply {self.i}/{self.k} = {implied:g}, but it was judged {self.a_ik:g}"
        )


@dataclass(frozen=True)
class AHPResult:
    """Principal-eigenvector weights with Saaty's consistency measures."""

    criteria: tuple[str, ...]
    weights: FloatArray
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    worst_triple: Triple | None

    @property
    def is_consistent(self) -> bool:
        return self.consistency_ratio <= CR_THRESHOLD

    def as_dict(self) -> dict[str, float]:
        return dict(zip(self.criteria, map(float, self.weights), strict=True))


def _names(n: int, criteria: Sequence[str] | None) -> tuple[str, ...]:
    if criteria is None:
        return tuple(f"c{i + 1}" for i in range(n))
    if len(criteria) != n:
        raise DecisionInputError(f"got {len(criteria)} criterion names for a {n}x{n} comparison matrix")
    return tuple(criteria)


def check_pairwise(
    matrix: Sequence[Sequence[float]] | FloatArray, criteria: Sequence[str] | None = None
) -> FloatArray:
    """Validate a positive reciprocal matrix (a_ji = 1/a_ij, a_ii = 1); errors name the element."""
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise DecisionInputError(f"a pairwise comparison matrix must be square, got shape {a.shape}")
    names = _names(a.shape[0], criteria)
    for i, j in itertools.product(range(a.shape[0]), repeat=2):
        if not math.isfinite(a[i, j]) or a[i, j] <= 0:
            raise DecisionInputError(
                f"judgement {names[i]} vs {names[j]} must be a positive number, got {a[i, j]}"
            )
        if not math.isclose(a[i, j] * a[j, i], 1.0, rel_tol=1e-3):
            raise DecisionInputError(
                f"judgements are not reciprocal: {names[i]} vs {names[j]} = {a[i, j]:g} but "
                f"{names[j]} vs {names[i]} = {a[j, i]:g} (expected {1 / a[i, j]:g})"
            )
    return a


def most_inconsistent_triple(a: FloatArray, names: Sequence[str]) -> Triple | None:
    """The triple (i, j, k), i < j < k, with the largest |log(a_ij a_jk / a_ik)| (None for n < 3)."""
    n = a.shape[0]
    if n < 3:
        return None
    log_a = np.log(a)
    # err[i, j, k] = log a_ij + log a_jk - log a_ik, evaluated for all triples at once
    err = np.abs(log_a[:, :, None] + log_a[None, :, :] - log_a[:, None, :])
    i, j, k = np.indices((n, n, n))
    err = np.where((i < j) & (j < k), err, -1.0)
    bi, bj, bk = (int(x) for x in np.unravel_index(int(np.argmax(err)), err.shape))
    return Triple(names[bi], names[bj], names[bk], float(a[bi, bj]), float(a[bj, bk]), float(a[bi, bk]))


def ahp_weights(
    matrix: Sequence[Sequence[float]] | FloatArray,
    criteria: Sequence[str] | None = None,
    on_inconsistent: Literal["warn", "raise", "ignore"] = "warn",
) -> AHPResult:
    """Weights = principal right eigenvector; CI = (lambda_max - n)/(n - 1); CR = CI / RI_n (Saaty).

    Above CR 0.1 the message names the most inconsistent triple; it is an `InconsistentJudgementWarning`
    ("warn"), an `InconsistentJudgementError` ("raise", for forms that must reject), or nothing ("ignore").
    """
    a = check_pairwise(matrix, criteria)
    names = _names(a.shape[0], criteria)
    n = a.shape[0]
    eigvals, eigvecs = np.linalg.eig(a)
    top = int(np.argmax(eigvals.real))
    w = np.abs(eigvecs[:, top].real)
    w = w / w.sum()
    lam = float(eigvals[top].real)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ri = SAATY_RI[min(n, len(SAATY_RI)) - 1]
    cr = max(ci / ri, 0.0) if ri > 0 else 0.0
    triple = most_inconsistent_triple(a, names)
    result = AHPResult(names, w, lam, ci, cr, triple)
    if not result.is_consistent and on_inconsistent != "ignore":
        where = f"; most inconsistent triple {triple.describe()}" if triple else ""
        message = f"AHP judgements are inconsistent: CR = {cr:.3f} > {CR_THRESHOLD}{where}"
        if on_inconsistent == "raise":
            raise InconsistentJudgementError(message, result)
        warnings.warn(message, InconsistentJudgementWarning, stacklevel=2)
    return result


def aggregate_judgements(
    matrices: Sequence[Sequence[Sequence[float]] | FloatArray],
    judge_weights: Sequence[float] | None = None,
    criteria: Sequence[str] | None = None,
) -> FloatArray:
    """AIJ: element-wise (weighted) geometric mean of the judges' matrices; stays reciprocal."""
    if not matrices:
        raise DecisionInputError("no judges' comparison matrices to aggregate")
    checked = [check_pairwise(m, criteria) for m in matrices]
    shapes = {m.shape for m in checked}
    if len(shapes) != 1:
        raise DecisionInputError(f"judges compared different numbers of criteria: {sorted(shapes)}")
    jw = np.ones(len(checked)) if judge_weights is None else np.asarray(judge_weights, dtype=np.float64)
    if jw.shape != (len(checked),) or np.any(jw < 0) or jw.sum() <= 0:
        raise DecisionInputError("judge weights must be one non-negative number per judge, not all zero")
    jw = jw / jw.sum()
    logs = np.tensordot(jw, np.log(np.array(checked)), axes=1)
    return np.asarray(np.exp(logs), dtype=np.float64)


def group_ahp_weights(
    matrices: Sequence[Sequence[Sequence[float]] | FloatArray],
    criteria: Sequence[str] | None = None,
    judge_weights: Sequence[float] | None = None,
    on_inconsistent: Literal["warn", "raise", "ignore"] = "warn",
) -> AHPResult:
    """AHP weights of the geometric-mean (AIJ) group matrix."""
    return ahp_weights(aggregate_judgements(matrices, judge_weights, criteria), criteria, on_inconsistent)
