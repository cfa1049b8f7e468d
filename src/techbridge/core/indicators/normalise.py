"""Normalisation of indicators to a common scale, after applying each indicator's direction.

Methods of the OECD/JRC Handbook (2008, step 5) and COINr: min-max to [low, high], z-score (sample sd),
rank, percentile rank, distance to the maximum, to a reference unit or to a target, and goalposts.
Columns are NaN-aware; missing values stay missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import rankdata

from techbridge.core.indicators.errors import DataError, MethodError

NORMALISE_METHODS = (
    "minmax",
    "zscore",
    "rank",
    "prank",
    "dist_max",
    "dist_ref",
    "dist_target",
    "goalposts",
    "none",
)


@dataclass(frozen=True)
class NormaliseSpec:
    """``low``/``high`` bound minmax and scale the bounded methods; z-score uses ``mean``/``sd``."""

    method: str = "minmax"
    low: float = 0.0
    high: float = 100.0
    mean: float = 0.0
    sd: float = 1.0
    reference: str | None = None  # unit code for dist_ref
    goalposts: Mapping[str, Sequence[float]] = field(default_factory=dict)  # code -> (worst, best)


def normalise(
    x: np.ndarray,
    directions: np.ndarray,
    spec: NormaliseSpec,
    codes: Sequence[str],
    units: Sequence[str] = (),
    targets: Mapping[str, float | None] | None = None,
) -> np.ndarray:
    """Normalise the columns of ``x`` (units x indicators); higher is better afterwards."""
    x = np.asarray(x, dtype=float) * np.asarray(directions, dtype=float)
    m = spec.method
    if m == "none":
        return x
    if m == "minmax":
        lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
        span = _checked_span(hi - lo, codes, m)
        return (x - lo) / span * (spec.high - spec.low) + spec.low
    if m == "zscore":
        sd = _checked_span(np.nanstd(x, axis=0, ddof=1), codes, m)
        return (x - np.nanmean(x, axis=0)) / sd * spec.sd + spec.mean
    if m in ("rank", "prank"):
        r = rankdata(x, method="min", axis=0, nan_policy="omit")
        if m == "rank":
            return r
        n = (~np.isnan(x)).sum(axis=0)
        return (r - 1) / np.maximum(n - 1, 1) * (spec.high - spec.low) + spec.low
    if m == "dist_max":
        return _dist_max(x / directions, directions, codes) * spec.high
    if m == "dist_ref":
        return _dist_ref(x, spec, codes, units)
    if m == "dist_target":
        return _dist_target(x, directions, spec, codes, targets or {})
    if m == "goalposts":
        return _goalposts(x / directions, spec, codes)
    raise MethodError(f"normalise: unknown method '{m}' (choose from {', '.join(NORMALISE_METHODS)})")


def _checked_span(span: np.ndarray, codes: Sequence[str], method: str) -> np.ndarray:
    bad = ~(span > 0)
    if bad.any():
        raise DataError(f"normalise '{method}': indicator '{codes[int(np.argmax(bad))]}' has no spread")
    return span


def _dist_max(x: np.ndarray, directions: np.ndarray, codes: Sequence[str]) -> np.ndarray:
    """Ratio to the best unit (OECD/JRC Handbook "distance to the leader"): x / max, or min / x if lower is better."""
    if np.nanmin(x) <= 0:
        j = int(np.argmax(np.nanmin(x, axis=0) <= 0))
        raise DataError(f"normalise 'dist_max': indicator '{codes[j]}' has values <= 0")
    return np.where(directions > 0, x / np.nanmax(x, axis=0), np.nanmin(x, axis=0) / x)


def _dist_ref(x: np.ndarray, spec: NormaliseSpec, codes: Sequence[str], units: Sequence[str]) -> np.ndarray:
    """x / x_ref in direction-adjusted space, times ``high`` (reference unit scores ``high``)."""
    if spec.reference not in list(units):
        raise MethodError(f"normalise 'dist_ref': reference unit '{spec.reference}' is not in the data")
    ref = x[list(units).index(spec.reference)]
    if np.any(ref == 0) or np.any(np.isnan(ref)):
        j = int(np.argmax((ref == 0) | np.isnan(ref)))
        raise DataError(f"normalise 'dist_ref': reference value of '{codes[j]}' is zero or missing")
    return x / ref * spec.high


def _dist_target(
    x: np.ndarray,
    directions: np.ndarray,
    spec: NormaliseSpec,
    codes: Sequence[str],
    targets: Mapping[str, float | None],
) -> np.ndarray:
    """(x - worst) / (target - worst), capped at 1, times ``high`` (COINr n_dist2targ)."""
    out = np.empty_like(x)
    for j, code in enumerate(codes):
        t = targets.get(code)
        if t is None:
            raise MethodError(f"normalise 'dist_target': indicator '{code}' has no target")
        t = t * directions[j]
        lo = np.nanmin(x[:, j])
        if t <= lo:
            raise DataError(f"normalise 'dist_target': target of '{code}' is not above its worst value")
        out[:, j] = np.minimum((x[:, j] - lo) / (t - lo), 1.0) * spec.high
    return out


def _goalposts(x: np.ndarray, spec: NormaliseSpec, codes: Sequence[str]) -> np.ndarray:
    """(x - worst) / (best - worst) clipped to [0, 1], scaled to [low, high] (UNDP HDI style)."""
    out = np.empty_like(x)
    for j, code in enumerate(codes):
        if code not in spec.goalposts:
            raise MethodError(f"normalise 'goalposts': indicator '{code}' has no goalposts (worst, best)")
        worst, best = (float(v) for v in spec.goalposts[code])
        if worst == best:
            raise MethodError(f"normalise 'goalposts': indicator '{code}' has equal goalposts")
        out[:, j] = np.clip((x[:, j] - worst) / (best - worst), 0, 1) * (spec.high - spec.low) + spec.low
    return out
