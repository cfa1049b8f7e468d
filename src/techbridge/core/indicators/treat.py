"""Outlier treatment as COINr does it: winsorise point by point, fall back to a log transform.

An indicator passes when |skewness| < skew or kurtosis < kurt (e1071 type 2; thresholds 2 and 3.5 after
the JRC COIN audits, Saisana et al. 2005). Otherwise the most extreme value(s) on the skewed side are
set to the next value, re-checking after each step, up to ``winmax`` steps; if it still fails, the
untreated column is log transformed: ln(x - min + 0.01 (max - min)) ("CTlog" of the JRC COIN tool).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from techbridge.core.indicators.errors import MethodError
from techbridge.core.indicators.stats import kurtosis, skewness


@dataclass(frozen=True)
class TreatSpec:
    """Treatment parameters; ``method`` is 'winsorise' or 'none'; ``fallback`` is 'log', 'ctlog' or 'none'."""

    method: str = "winsorise"
    skew: float = 2.0
    kurt: float = 3.5
    winmax: int = 5
    fallback: str = "ctlog"
    winchange: bool = True
    exclude: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class Treatment:
    """What was done to one indicator."""

    code: str
    treatment: str  # "none", "winsorised", "log", "failed"
    low: int = 0  # units winsorised on the low side
    high: int = 0  # units winsorised on the high side
    steps: int = 0  # winsorisation steps taken (at most winmax)
    skew_before: float = float("nan")
    kurt_before: float = float("nan")
    skew_after: float = float("nan")
    kurt_after: float = float("nan")
    flags: list[str] = field(default_factory=list)  # per unit: "", "WLow", "WHigh", "Log"


def passes(x: np.ndarray, spec: TreatSpec) -> bool:
    """COINr's check: |skewness| < threshold or kurtosis < threshold (NaN statistics pass)."""
    s, k = skewness(x), kurtosis(x)
    if np.isnan(s) or np.isnan(k):
        return True
    return bool(abs(s) < spec.skew or k < spec.kurt)


def treat_column(x: np.ndarray, code: str, spec: TreatSpec) -> tuple[np.ndarray, Treatment]:
    """Treat one column; returns (new values, record)."""
    x = np.asarray(x, dtype=float)
    rec = Treatment(code, "none", skew_before=skewness(x), kurt_before=kurtosis(x), flags=[""] * x.size)
    if spec.method == "none" or code in spec.exclude or passes(x, spec):
        rec.skew_after, rec.kurt_after = rec.skew_before, rec.kurt_before
        return x.copy(), rec
    y = x.copy()
    first_side = skewness(y) >= 0
    for _ in range(spec.winmax):
        if passes(y, spec):
            break
        high = skewness(y) >= 0 if spec.winchange else first_side
        _winsorise_once(y, high, rec)
        rec.steps += 1
    if not passes(y, spec):
        y = _log(x, spec.fallback, rec)
    else:
        rec.treatment = "winsorised"
    rec.skew_after, rec.kurt_after = skewness(y), kurtosis(y)
    return y, rec


def _winsorise_once(y: np.ndarray, high: bool, rec: Treatment) -> None:
    ok = ~np.isnan(y)
    extreme = np.nanmax(y) if high else np.nanmin(y)
    hit = ok & (y == extreme)
    rest = y[ok & ~hit]
    if rest.size == 0:
        return
    y[hit] = rest.max() if high else rest.min()
    for i in np.flatnonzero(hit):
        rec.flags[i] = "WHigh" if high else "WLow"
    # points, not steps: a value already winsorised and tied with the next maximum counts once
    rec.high = rec.flags.count("WHigh")
    rec.low = rec.flags.count("WLow")


def _log(x: np.ndarray, fallback: str, rec: Treatment) -> np.ndarray:
    rec.low = rec.high = 0
    rec.flags = [""] * x.size
    if fallback == "none":
        rec.treatment = "failed"
        return x.copy()
    if fallback == "log":
        if np.nanmin(x) <= 0:
            raise MethodError(f"treat '{rec.code}': plain log needs positive values; use fallback 'ctlog'")
        y = np.log(x)
    elif fallback == "ctlog":
        lo, hi = np.nanmin(x), np.nanmax(x)
        y = np.log(x - lo + 0.01 * (hi - lo))
    else:
        raise MethodError(f"treat: unknown fallback '{fallback}' (log, ctlog or none)")
    rec.treatment = "log"
    rec.flags = ["Log" if not np.isnan(v) else "" for v in x]
    return y


def treat(data: pd.DataFrame, spec: TreatSpec) -> tuple[pd.DataFrame, dict[str, Treatment]]:
    """Treat every column of ``data``; returns (treated data, record per indicator)."""
    if spec.method not in ("winsorise", "none"):
        raise MethodError(f"treat: unknown method '{spec.method}' (winsorise or none)")
    out = data.copy()
    records: dict[str, Treatment] = {}
    for code in data.columns:
        out[code], records[code] = treat_column(data[code].to_numpy(dtype=float), str(code), spec)
    return out, records
