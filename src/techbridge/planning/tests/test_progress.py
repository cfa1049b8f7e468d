"""The target status rule and trend (pure functions, hand-computed values)."""

import datetime as dt

import pytest

from techbridge.planning.progress import expected_fraction, target_progress, trend

START, DUE = dt.date(2025, 1, 1), dt.date(2025, 12, 27)  # 360 days


def status(value, today, baseline=0.0, target=100.0):
    return target_progress(value=value, baseline=baseline, target=target, start=START, due=DUE, today=today)


def test_expected_progress_is_linear_between_start_and_due():
    assert expected_fraction(START, DUE, START) == 0
    assert expected_fraction(START, DUE, START + dt.timedelta(days=90)) == pytest.approx(0.25)
    assert expected_fraction(START, DUE, DUE + dt.timedelta(days=5)) == 1
    assert expected_fraction(START, DUE, START - dt.timedelta(days=5)) == 0


def test_a_target_within_ten_points_of_the_expected_progress_is_on_track():
    p = status(41, START + dt.timedelta(days=180))  # expected 50 %, done 41 %
    assert (p.expected, p.status) == (0.5, "on_track")


def test_a_target_between_ten_and_twenty_five_points_behind_is_at_risk():
    assert status(39, START + dt.timedelta(days=180)).status == "at_risk"  # 11 points behind
    assert status(25, START + dt.timedelta(days=180)).status == "at_risk"  # exactly 25 behind


def test_a_target_more_than_twenty_five_points_behind_is_late():
    assert status(24, START + dt.timedelta(days=180)).status == "late"


def test_a_target_past_its_due_date_and_not_reached_is_late_even_when_close():
    assert status(99, DUE + dt.timedelta(days=1)).status == "late"


def test_a_reached_target_is_achieved_whatever_the_date():
    assert status(100, START).status == "achieved"
    assert status(130, DUE + dt.timedelta(days=30)).status == "achieved"


def test_a_falling_target_counts_the_way_from_baseline_down_to_target():
    p = status(70, START + dt.timedelta(days=180), baseline=100, target=40)  # half the way: 30 of 60
    assert p.achieved == pytest.approx(0.5) and p.status == "on_track"


def test_trend_slope_direction_and_projection():
    readings = [(dt.date(2025, 1, 1), 10.0), (dt.date(2026, 1, 1), 20.0)]
    t = trend(readings, due=dt.date(2027, 1, 1))
    assert t.direction == "up"
    assert t.slope_per_year == pytest.approx(10.0 * 365.25 / 365, rel=1e-6)
    assert t.projected == pytest.approx(20.0 + t.slope_per_year * 365 / 365.25)
    assert trend([(dt.date(2025, 1, 1), 5.0)]).direction == "flat"
    assert trend([(dt.date(2025, 1, 1), 5.0), (dt.date(2025, 6, 1), 3.0)]).direction == "down"
