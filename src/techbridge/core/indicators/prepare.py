"""Data preparation steps: denominate, screen units by data availability, impute missing values.

Methods follow COINr (Becker et al. 2022, JOSS 7(78) 4567) and the OECD/JRC Handbook (2008), step 4.
Every function takes and returns a DataFrame indexed by unit code with one column per indicator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from techbridge.core.indicators.errors import DataError, MethodError

IMPUTE_METHODS = ("none", "mean", "median", "group_mean", "group_median", "latest", "linear")


def denominate(data: pd.DataFrame, denominators: pd.DataFrame, spec: dict[str, str | None]) -> pd.DataFrame:
    """Divide each indicator by its denominator column (``spec[code]``; None keeps it as is)."""
    out = data.copy()
    for code, den in spec.items():
        if not den:
            continue
        if den not in denominators.columns:
            raise DataError(f"indicator '{code}': denominator column '{den}' is not in the data")
        out[code] = data[code] / denominators[den].to_numpy(dtype=float)
    return out


def availability(data: pd.DataFrame) -> pd.Series:
    """Share of non-missing indicator values per unit."""
    return data.notna().mean(axis=1)


def screen(data: pd.DataFrame, min_share: float) -> tuple[pd.DataFrame, list[str]]:
    """Drop units whose data availability is below ``min_share``; returns (kept data, dropped unit codes)."""
    if not 0 <= min_share <= 1:
        raise MethodError(f"screen: min_share must be in [0, 1], got {min_share}")
    share = availability(data)
    dropped = [str(u) for u in share.index[share < min_share]]
    return data.loc[share >= min_share], dropped


def impute(data: pd.DataFrame, method: str, groups: pd.Series | None = None) -> pd.DataFrame:
    """Fill missing values by the column mean/median, or by the mean/median of the unit's group."""
    if method == "none":
        return data.copy()
    if method in ("mean", "median"):
        fill = data.mean() if method == "mean" else data.median()
        return data.fillna(fill)
    if method in ("group_mean", "group_median"):
        if groups is None:
            raise MethodError(f"impute '{method}': needs a 'group' column")
        stat = "mean" if method == "group_mean" else "median"
        filled = data.groupby(groups.to_numpy(), sort=False).transform(stat)
        filled.index = data.index
        return data.fillna(filled)
    raise MethodError(f"impute: unknown method '{method}' (choose from {', '.join(IMPUTE_METHODS)})")


def impute_panel(long: pd.DataFrame, unit: str, time: str, codes: list[str], method: str) -> pd.DataFrame:
    """Panel imputation over time: 'latest' carries the last earlier value forward, 'linear' interpolates.

    ``long`` has one row per (unit, period); returns the same rows with ``codes`` filled where possible.
    """
    if method not in ("latest", "linear"):
        raise MethodError(f"impute_panel: unknown method '{method}' (latest or linear)")
    out = long.sort_values([unit, time]).copy()
    for _, idx in out.groupby(unit, sort=False).groups.items():
        block = out.loc[idx, codes]
        if method == "latest":
            block = block.ffill()
        else:
            t = out.loc[idx, time].to_numpy(dtype=float)
            block = block.apply(lambda col, t=t: _interp(col.to_numpy(dtype=float), t))
        out.loc[idx, codes] = block
    return out


def _interp(y: np.ndarray, t: np.ndarray) -> pd.Series:
    """Linear interpolation inside the observed range; before the first value stays missing, after carries last."""
    ok = ~np.isnan(y)
    if ok.sum() == 0:
        return pd.Series(y)
    filled = np.interp(t, t[ok], y[ok])
    filled[t < t[ok].min()] = np.nan
    return pd.Series(filled)
