"""Funnel arithmetic: conversion between consecutive steps and time spent per stage.

Pure: counts and dated stage entries in, rates and durations out (the caller supplies "now").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

# The China-ASEAN Technology Transfer Center's published ratio: 1,900 matched projects -> 491 agreements.
REFERENCE_MATCHED = 1900
REFERENCE_AGREEMENTS = 491
REFERENCE_RATE = REFERENCE_AGREEMENTS / REFERENCE_MATCHED  # 0.2584...


@dataclass(frozen=True)
class FunnelStep:
    key: str
    count: int
    rate_from_previous: float | None  # None when the previous step is 0
    rate_from_first: float | None


def conversion(steps: Sequence[tuple[str, int]]) -> list[FunnelStep]:
    """Each step with its conversion from the previous and the first step (rates in 0..inf, not capped)."""
    out: list[FunnelStep] = []
    first = steps[0][1] if steps else 0
    prev: int | None = None
    for key, count in steps:
        if count < 0:
            raise ValueError(f"step {key!r} has a negative count {count}")
        out.append(
            FunnelStep(
                key,
                count,
                (count / prev if prev else None) if prev is not None else None,
                count / first if first else None,
            )
        )
        prev = count
    return out


def stage_durations(entries: Sequence[tuple[object, str, dt.datetime]], now: dt.datetime) -> dict[str, float]:
    """Mean days spent per stage: entries are (case, stage entered, when); the last stage runs until `now`."""
    by_case: dict[object, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for case, stage, at in entries:
        by_case[case].append((at, stage))
    spent: dict[str, list[float]] = defaultdict(list)
    for rows in by_case.values():
        rows.sort()
        for i, (at, stage) in enumerate(rows):
            if stage == "closed":
                continue
            end = rows[i + 1][0] if i + 1 < len(rows) else now
            spent[stage].append(max(0.0, (end - at).total_seconds() / 86400))
    return {stage: sum(v) / len(v) for stage, v in spent.items()}
