"""Platform-derived indicators: counts and rates per unit and period."""

import math

import pytest

from techbridge.core.indicators import DataError, platform_indicators


def test_counts_are_summed_and_rates_computed_per_100():
    rows = [
        {"unit": "Ningbo", "period": 2024, "profiles": 150, "matches": 30, "agreements": 6},
        {"unit": "Ningbo", "period": 2024, "profiles": 50, "matches": 10, "cases": 8, "agreements": 2},
        {"unit": "Tianjin", "period": 2024, "profiles": 0, "city_ties": 3},
    ]
    out = platform_indicators(rows).set_index("unit")
    assert out.loc["Ningbo", "profiles"] == 200 and out.loc["Ningbo", "meetings"] == 0
    assert out.loc["Ningbo", "matches_per_100_profiles"] == pytest.approx(20.0)
    assert out.loc["Ningbo", "agreements_per_100_matches"] == pytest.approx(20.0)
    assert out.loc["Ningbo", "agreements_per_100_cases"] == pytest.approx(100.0)
    assert out.loc["Tianjin", "city_ties"] == 3
    assert math.isnan(out.loc["Tianjin", "matches_per_100_profiles"])  # no profiles: missing, not zero


def test_custom_rates_and_periods_without_a_period_column():
    out = platform_indicators(
        [{"unit": "A", "programmes": 2, "profiles": 8}],
        period=None,
        rates={"prog_per_profile": ("programmes", "profiles", 1.0)},
    )
    assert out.loc[0, "prog_per_profile"] == 0.25


def test_negative_or_non_numeric_counts_are_named():
    with pytest.raises(DataError, match="'matches' of row 1 \\(B\\)"):
        platform_indicators([{"unit": "A", "matches": 1}, {"unit": "B", "matches": -2}])
    with pytest.raises(DataError, match="'unit'"):
        platform_indicators([{"city": "A"}])
