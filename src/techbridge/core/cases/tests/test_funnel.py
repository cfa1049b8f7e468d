import datetime as dt

import pytest

from techbridge.core.cases.funnel import REFERENCE_RATE, conversion, stage_durations


def test_the_reference_ratio_is_25_8_percent():
    assert round(REFERENCE_RATE * 100, 1) == 25.8


def test_conversion_rates_by_hand():
    steps = conversion([("profiles", 200), ("interests", 50), ("cases", 0), ("agreements", 0)])
    assert [s.rate_from_previous for s in steps] == [None, 0.25, 0.0, None]
    assert [s.rate_from_first for s in steps] == [1.0, 0.25, 0.0, 0.0]


def test_conversion_rejects_negative_counts():
    with pytest.raises(ValueError, match="cases"):
        conversion([("profiles", 1), ("cases", -1)])


def test_stage_durations_by_hand():
    t0 = dt.datetime(2026, 1, 1)
    entries = [
        (1, "consultation", t0),
        (1, "evaluation", t0 + dt.timedelta(days=4)),
        (1, "closed", t0 + dt.timedelta(days=6)),
        (2, "consultation", t0),
    ]
    out = stage_durations(entries, now=t0 + dt.timedelta(days=10))
    assert out == {"consultation": 7.0, "evaluation": 2.0}  # (4 + 10) / 2; closed is not a stage spent
