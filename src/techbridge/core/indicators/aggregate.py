"""Aggregation of children into a parent score, batched over many weight vectors.

Weighted arithmetic, geometric, harmonic and generalised (power) means, and the Copeland
pairwise-majority rule (OECD/JRC Handbook 2008, step 6; Munda 2008, "Social Multi-Criteria Evaluation").
Missing children are skipped and the weights renormalised; a unit whose share of available children is
below ``threshold`` raises :class:`DataError` (or gets NaN when ``on_insufficient='missing'``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from techbridge.core.indicators.errors import DataError, MethodError

AGGREGATE_METHODS = ("arithmetic", "geometric", "harmonic", "generalised", "copeland")


def aggregate(
    x: np.ndarray,
    w: np.ndarray,
    method: str = "arithmetic",
    *,
    p: float = 1.0,
    threshold: float = 0.0,
    on_insufficient: str = "error",
    element: str = "",
    codes: Sequence[str] = (),
    units: Sequence[str] = (),
) -> np.ndarray:
    """Aggregate ``x`` (units x children, or units x children x runs) with weights ``w`` (children,) or
    (runs x children). Returns (units,) for a 1-D ``w``, else (units x runs).
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    single = w.ndim == 1
    w2 = w[None, :] if single else w
    ok = ~np.isnan(x)
    share = ok.mean(axis=1) if x.ndim == 2 else ok.mean(axis=1).min(axis=1)
    short = share < threshold
    if short.any() and on_insufficient == "error":
        i = int(np.argmax(short))
        who = units[i] if len(units) else f"row {i}"
        raise DataError(
            f"aggregate '{element}': unit '{who}' has {share[i]:.0%} of its data, below the threshold {threshold:.0%}"
        )
    out = _dispatch(x, ok, w2, method, p, element, codes, units)
    out[short if short.ndim == 2 else np.broadcast_to(short[:, None], out.shape)] = np.nan
    return out[:, 0] if single else out


def _wsum(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted sum over children: (units x children) @ w.T, or per run for (units x children x runs)."""
    if a.ndim == 2:
        return a @ w.T
    return (a * w.T[None, :, :]).sum(axis=1)  # few children per aggregate: cheaper than einsum here


def _dispatch(
    x: np.ndarray,
    ok: np.ndarray,
    w: np.ndarray,
    method: str,
    p: float,
    element: str,
    codes: Sequence[str],
    units: Sequence[str],
) -> np.ndarray:
    den = _wsum(ok.astype(float), w)  # available weight per unit and run
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "arithmetic" or (method == "generalised" and p == 1):
            return _wsum(np.where(ok, x, 0.0), w) / den
        if method == "copeland":
            if x.ndim == 2:
                return copeland(x, w)
            return np.stack([copeland(x[:, :, b], w[b : b + 1])[:, 0] for b in range(w.shape[0])], axis=1)
        _check_nonnegative(x, method, element, codes, units)
        zero = _wsum((ok & (x == 0)).astype(float), w) > 0  # any zero child with positive weight
        if method == "geometric" or (method == "generalised" and p == 0):
            out = np.exp(_wsum(np.where(ok & (x > 0), np.log(np.where(x > 0, x, 1.0)), 0.0), w) / den)
        elif method == "harmonic" or method == "generalised":
            q = -1.0 if method == "harmonic" else p
            if q > 0:
                return (_wsum(np.where(ok, x, 0.0) ** q, w) / den) ** (1 / q)
            out = (_wsum(np.where(ok & (x > 0), np.where(x > 0, x, 1.0) ** q, 0.0), w) / den) ** (1 / q)
        else:
            raise MethodError(
                f"aggregate '{element}': unknown method '{method}' (choose from {', '.join(AGGREGATE_METHODS)})"
            )
    return np.where(zero, 0.0, out)


def _check_nonnegative(
    x: np.ndarray, method: str, element: str, codes: Sequence[str], units: Sequence[str]
) -> None:
    neg = np.nan_to_num(x, nan=0.0) < 0
    if neg.any():
        i, j = (int(v) for v in np.argwhere(neg)[0][:2])
        child = codes[j] if len(codes) else f"column {j}"
        who = units[i] if len(units) else f"row {i}"
        raise DataError(
            f"aggregate '{element}' ({method} mean): '{child}' of unit '{who}' is negative ({np.nan_to_num(x, nan=0.0)[i, j].min():.4g}); "
            "normalise to a positive range first (e.g. minmax to [1, 100])"
        )


def copeland(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Copeland score per unit: wins minus losses of weighted pairwise majority contests (units x runs)."""
    diff = np.sign(x[:, None, :] - x[None, :, :])  # (a, b, child)
    diff = np.nan_to_num(diff, nan=0.0)
    margin = diff @ w.T  # (a, b, runs): weight for a minus weight for b
    return np.sign(margin).sum(axis=1)


def rank_desc(scores: np.ndarray) -> np.ndarray:
    """Ranks along axis 0, 1 = highest, ties share the lowest rank (R ``rank(-x, ties='min')``); NaN stays NaN."""
    from scipy.stats import rankdata

    r = rankdata(-np.asarray(scores, dtype=float), method="min", axis=0, nan_policy="omit")
    return np.asarray(r, dtype=float)
