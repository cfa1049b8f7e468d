"""Weighting: equal, manual, budget allocation, AHP pairwise judgements, PCA-based.

AHP after Saaty (1980), "The Analytic Hierarchy Process": principal eigenvector, consistency index
CI = (lambda_max - n) / (n - 1), ratio CR = CI / RI(n) (acceptable below 0.1). Budget allocation and
PCA weights as in the OECD/JRC Handbook (2008), step 6 (PCA: scaled squared loadings of the first component).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from techbridge.core.indicators.errors import MethodError

# Saaty's random consistency indices for n = 1..10.
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


@dataclass(frozen=True)
class AHPResult:
    """Weights (sum 1), principal eigenvalue, consistency index and ratio."""

    weights: dict[str, float]
    lambda_max: float
    ci: float
    cr: float

    @property
    def consistent(self) -> bool:
        return self.cr < 0.1


def ahp(codes: Sequence[str], judgements: Sequence[Sequence[float]] | Mapping[str, float]) -> AHPResult:
    """Weights from a reciprocal pairwise matrix, or from ``{"A>B": 3, ...}`` (A is 3 times as important as B)."""
    n = len(codes)
    a = _pairwise_matrix(codes, judgements)
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    v = np.abs(vecs[:, k].real)
    lam = float(vals[k].real)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    if n > len(RANDOM_INDEX):
        raise MethodError(f"ahp: at most {len(RANDOM_INDEX)} elements per comparison, got {n}")
    ri = RANDOM_INDEX[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    return AHPResult(dict(zip(codes, (v / v.sum()).tolist(), strict=True)), lam, ci, cr)


def _pairwise_matrix(
    codes: Sequence[str], judgements: Sequence[Sequence[float]] | Mapping[str, float]
) -> np.ndarray:
    n = len(codes)
    if isinstance(judgements, Mapping):
        a = np.ones((n, n))
        for key, value in judgements.items():
            left, _, right = str(key).partition(">")
            if left.strip() not in codes or right.strip() not in codes:
                raise MethodError(
                    f"ahp: judgement '{key}' names an unknown element (known: {', '.join(codes)})"
                )
            i, j = codes.index(left.strip()), codes.index(right.strip())
            if float(value) <= 0:
                raise MethodError(f"ahp: judgement '{key}' must be positive")
            a[i, j], a[j, i] = float(value), 1.0 / float(value)
        return a
    a = np.asarray(judgements, dtype=float)
    if a.shape != (n, n):
        raise MethodError(f"ahp: matrix must be {n} x {n} for {', '.join(codes)}, got {a.shape}")
    if np.any(a <= 0) or not np.allclose(a * a.T, 1.0):
        raise MethodError("ahp: matrix must be positive and reciprocal (a[j, i] = 1 / a[i, j])")
    return a


def budget(codes: Sequence[str], allocations: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """Mean of the experts' budget allocations, normalised to sum 1 (missing entries count as 0)."""
    if not allocations:
        raise MethodError("budget: needs at least one allocation")
    for pos, alloc in enumerate(allocations):
        unknown = set(alloc) - set(codes)
        if unknown:
            raise MethodError(f"budget: allocation #{pos + 1} names unknown element(s) {sorted(unknown)}")
    mean = np.array([np.mean([float(a.get(c, 0.0)) for a in allocations]) for c in codes])
    if mean.sum() <= 0:
        raise MethodError(f"budget: allocations to {', '.join(codes)} sum to zero")
    return dict(zip(codes, (mean / mean.sum()).tolist(), strict=True))


def pca_first_component(x: np.ndarray) -> tuple[np.ndarray, float]:
    """Loadings of the first principal component of standardised columns (complete rows) and its variance share."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    sd = x.std(axis=0, ddof=1)
    z = (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    corr = np.atleast_2d(np.cov(z, rowvar=False))
    vals, vecs = np.linalg.eigh(corr)
    v = vecs[:, -1]
    v = v if v.sum() >= 0 else -v  # sign convention: mostly positive loadings
    loadings = v * np.sqrt(max(vals[-1], 0.0))
    return loadings, float(vals[-1] / vals.sum()) if vals.sum() > 0 else float("nan")


def pca_weights(codes: Sequence[str], x: np.ndarray) -> dict[str, float]:
    """Squared first-component loadings scaled to sum 1 (children with more shared variance weigh more)."""
    loadings, _ = pca_first_component(x)
    sq = loadings**2
    if sq.sum() <= 0:
        raise MethodError(f"pca weights: no shared variance among {', '.join(codes)}")
    return dict(zip(codes, (sq / sq.sum()).tolist(), strict=True))
