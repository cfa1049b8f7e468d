"""Denomination, screening, and every imputation method on hand-computed cases."""

import numpy as np
import pandas as pd
import pytest

from techbridge.core.indicators.errors import DataError, MethodError
from techbridge.core.indicators.prepare import denominate, impute, impute_panel, screen

DATA = pd.DataFrame(
    {"a": [1.0, np.nan, 3.0, 10.0], "b": [2.0, 4.0, np.nan, np.nan]}, index=["u1", "u2", "u3", "u4"]
)
GROUPS = pd.Series(["x", "x", "y", "y"], index=DATA.index)


def test_mean_and_median_imputation():
    assert impute(DATA, "mean").loc["u2", "a"] == pytest.approx(14 / 3)
    assert impute(DATA, "median").loc["u2", "a"] == 3.0
    assert impute(DATA, "mean").loc["u3", "b"] == 3.0


def test_group_mean_and_median_imputation():
    out = impute(DATA, "group_mean", GROUPS)
    assert out.loc["u2", "a"] == 1.0  # group x: only u1 has a value
    assert np.isnan(out.loc["u3", "b"])  # group y has no b at all: stays missing
    assert (
        impute(
            DATA.assign(a=[1.0, np.nan, 2.0, 7.0]),
            "group_median",
            pd.Series(["x", "y", "y", "y"], index=DATA.index),
        ).loc["u2", "a"]
        == 4.5
    )


def test_group_imputation_needs_a_group():
    with pytest.raises(MethodError, match="group"):
        impute(DATA, "group_mean")


def test_panel_latest_and_linear_imputation():
    long = pd.DataFrame({"u": ["A"] * 4, "t": [2019, 2020, 2021, 2022], "a": [1.0, np.nan, 3.0, np.nan]})
    latest = impute_panel(long, "u", "t", ["a"], "latest")
    assert latest["a"].tolist() == [1.0, 1.0, 3.0, 3.0]
    linear = impute_panel(long, "u", "t", ["a"], "linear")
    assert linear["a"].tolist() == [1.0, 2.0, 3.0, 3.0]


def test_screening_drops_units_with_too_little_data():
    kept, dropped = screen(DATA, 0.75)
    assert dropped == ["u2", "u3", "u4"] and list(kept.index) == ["u1"]


def test_denominate_divides_and_names_a_missing_denominator():
    dens = pd.DataFrame({"pop": [2.0, 4.0, 1.0, 5.0]}, index=DATA.index)
    out = denominate(DATA, dens, {"a": "pop", "b": None})
    assert out["a"].tolist()[::2] == [0.5, 3.0] and out["b"].equals(DATA["b"])
    with pytest.raises(DataError, match="indicator 'a': denominator column 'gdp'"):
        denominate(DATA, dens, {"a": "gdp"})
