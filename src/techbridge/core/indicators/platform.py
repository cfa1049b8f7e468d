"""Platform-derived indicators: counts of platform activity per unit and period -> indicator columns.

The Django side aggregates its rows (published profiles, matches, meetings, cases, agreements, city
ties, exchange programmes) into counts; this pure function turns them into counts and rates that can
enter a framework like any other indicator (e.g. agreements per 100 profiles, the funnel's conversion).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from techbridge.core.indicators.errors import DataError

PLATFORM_COUNTS = ("profiles", "matches", "meetings", "cases", "agreements", "city_ties", "programmes")

# rate name -> (numerator, denominator, scale): "per 100 profiles" style ratios
RATES: dict[str, tuple[str, str, float]] = {
    "matches_per_100_profiles": ("matches", "profiles", 100.0),
    "meetings_per_100_profiles": ("meetings", "profiles", 100.0),
    "cases_per_100_matches": ("cases", "matches", 100.0),
    "agreements_per_100_profiles": ("agreements", "profiles", 100.0),
    "agreements_per_100_matches": ("agreements", "matches", 100.0),
    "agreements_per_100_cases": ("agreements", "cases", 100.0),
}


def platform_indicators(
    counts: pd.DataFrame | Iterable[Mapping[str, object]],
    *,
    unit: str = "unit",
    period: str | None = "period",
    rates: Mapping[str, tuple[str, str, float]] | None = None,
) -> pd.DataFrame:
    """One row per (unit, period): the summed counts of :data:`PLATFORM_COUNTS` and the ratios in ``rates``.

    An absent count is 0. A ratio with a zero denominator is missing (NaN), not zero: no activity is not bad performance.
    """
    frame = pd.DataFrame(list(counts)) if not isinstance(counts, pd.DataFrame) else counts.copy()
    keys = [unit] + ([period] if period and period in frame.columns else [])
    if unit not in frame.columns:
        raise DataError(f"platform counts: column '{unit}' (the unit) is missing")
    for name in PLATFORM_COUNTS:
        if name not in frame.columns:
            frame[name] = 0
        values = pd.to_numeric(frame[name], errors="coerce")
        bad = (frame[name].notna() & values.isna()) | (
            values < 0
        )  # absent counts are 0; text or negatives are errors
        if bad.any():
            row = int(np.argmax(bad.to_numpy()))
            raise DataError(
                f"platform counts: '{name}' of row {row} ({frame[unit].iloc[row]}) must be a count >= 0"
            )
        frame[name] = values.fillna(0)
    out = frame.groupby(keys, sort=True)[list(PLATFORM_COUNTS)].sum().reset_index()
    for name, (num, den, scale) in (rates or RATES).items():
        if num not in out.columns or den not in out.columns:
            raise DataError(
                f"platform rate '{name}': unknown count '{num if num not in out.columns else den}'"
            )
        denominator = out[den].astype(float)
        out[name] = np.where(
            denominator > 0, out[num] / denominator.where(denominator > 0, 1.0) * scale, np.nan
        )
    return out
