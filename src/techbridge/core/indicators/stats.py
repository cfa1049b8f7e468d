"""Sample statistics as COINr computes them: skewness and kurtosis of e1071 ``type = 2`` (SAS/SPSS).

Joanes & Gill (1998), "Comparing measures of sample skewness and kurtosis", The Statistician 47(1):
G1 = g1 * sqrt(n(n-1)) / (n-2); G2 = ((n+1) g2 + 6) (n-1) / ((n-2)(n-3)), with g1 = m3/m2^1.5, g2 = m4/m2^2 - 3.
"""

from __future__ import annotations

import numpy as np


def _moments(x: np.ndarray) -> tuple[float, float, float, float]:
    x = x[~np.isnan(x)]
    n = float(x.size)
    dev = x - x.mean()
    m2 = float(np.mean(dev**2))
    return n, m2, float(np.mean(dev**3)), float(np.mean(dev**4))


def skewness(x: np.ndarray) -> float:
    """Sample skewness G1 (e1071 type 2); NaN values dropped; NaN if n < 3 or zero variance."""
    n, m2, m3, _ = _moments(np.asarray(x, dtype=float))
    if n < 3 or m2 == 0:
        return float("nan")
    g1 = m3 / m2**1.5
    return g1 * np.sqrt(n * (n - 1)) / (n - 2)


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis G2 (e1071 type 2); NaN values dropped; NaN if n < 4 or zero variance."""
    n, m2, _, m4 = _moments(np.asarray(x, dtype=float))
    if n < 4 or m2 == 0:
        return float("nan")
    g2 = m4 / m2**2 - 3.0
    return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))


def describe(x: np.ndarray) -> dict[str, float]:
    """Summary of one column: n, missing share, mean, sd, min, median, max, skewness, kurtosis."""
    x = np.asarray(x, dtype=float)
    ok = x[~np.isnan(x)]
    out: dict[str, float] = {"n": float(ok.size), "missing_share": float(1 - ok.size / max(x.size, 1))}
    if ok.size == 0:
        return out | dict.fromkeys(
            ("mean", "sd", "min", "median", "max", "skewness", "kurtosis"), float("nan")
        )
    return out | {
        "mean": float(ok.mean()),
        "sd": float(ok.std(ddof=1)) if ok.size > 1 else float("nan"),
        "min": float(ok.min()),
        "median": float(np.median(ok)),
        "max": float(ok.max()),
        "skewness": float(skewness(ok)),
        "kurtosis": float(kurtosis(ok)),
    }


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``x`` (complete rows only): k/(k-1) (1 - sum var_i / var_total)."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    total = x.sum(axis=1).var(ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total))
