"""Target status and trend: pure functions (no Django), so the rule is stated and tested in one place.

Rule (documented for users in the plan dashboard's legend):
    expected = (today - start) / (due - start), clipped to [0, 1]      linear expected progress
    achieved = (value - baseline) / (target - baseline)                 share of the way done
    status   = "achieved"  if achieved >= 1
               "late"      if today > due, or achieved trails expected by more than 25 points
               "at_risk"   if achieved trails expected by more than 10 points
               "on_track"  otherwise
A target whose value should fall (target < baseline) works the same way: achieved is still the share
of the way from baseline to target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

AT_RISK_GAP = 0.10
LATE_GAP = 0.25


@dataclass(frozen=True)
class Progress:
    value: float
    expected: float  # fraction of the way that should be done today
    achieved: float  # fraction of the way done (may exceed 1 or be negative)
    status: str  # achieved | on_track | at_risk | late

    @property
    def gap(self) -> float:
        return self.expected - self.achieved

    @property
    def percent(self) -> int:
        return round(100 * max(0.0, min(self.achieved, 1.0)))

    @property
    def expected_percent(self) -> int:
        return round(100 * self.expected)


def expected_fraction(start: dt.date, due: dt.date, today: dt.date) -> float:
    """Linear expected progress between start (0) and due (1); 1 when due <= start."""
    span = (due - start).days
    if span <= 0:
        return 1.0 if today >= start else 0.0
    return min(1.0, max(0.0, (today - start).days / span))


def achieved_fraction(value: float, baseline: float, target: float) -> float:
    if target == baseline:
        return 1.0 if value == target else 0.0
    return (value - baseline) / (target - baseline)


def target_progress(
    *, value: float, baseline: float, target: float, start: dt.date, due: dt.date, today: dt.date
) -> Progress:
    """Status of a target today under the linear rule in the module docstring."""
    expected = expected_fraction(start, due, today)
    achieved = achieved_fraction(value, baseline, target)
    if achieved >= 1.0:
        status = "achieved"
    elif today > due or expected - achieved > LATE_GAP:
        status = "late"
    elif expected - achieved > AT_RISK_GAP:
        status = "at_risk"
    else:
        status = "on_track"
    return Progress(value, expected, achieved, status)


@dataclass(frozen=True)
class Trend:
    slope_per_year: float
    direction: str  # up | flat | down
    projected: float | None  # value expected at the due date if the trend holds


def trend(readings: Sequence[tuple[dt.date, float]], due: dt.date | None = None) -> Trend:
    """Least-squares slope of the dated readings (per year), its direction and the projection at `due`."""
    if len(readings) < 2:
        return Trend(0.0, "flat", readings[-1][1] if readings else None)
    xs = [(d - readings[0][0]).days / 365.25 for d, _v in readings]
    ys = [v for _d, v in readings]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = 0.0 if sxx == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    scale = max(abs(my), 1.0)
    direction = "flat" if abs(slope) < 1e-3 * scale else ("up" if slope > 0 else "down")
    projected = None
    if due is not None:
        years_left = (due - readings[-1][0]).days / 365.25
        projected = ys[-1] + slope * max(years_left, 0.0)
    return Trend(slope, direction, projected)
