"""Outlier treatment: COINr's pass rule, point-by-point winsorisation, log fallback, records."""

import math

import numpy as np
import pandas as pd
import pytest

from techbridge.core.indicators.errors import MethodError
from techbridge.core.indicators.stats import kurtosis, skewness
from techbridge.core.indicators.treat import TreatSpec, passes, treat, treat_column

SPEC = TreatSpec()


def test_it_passes_when_skewness_is_below_two():
    x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])  # skew 1.697 (< 2), kurtosis 3.152
    assert passes(x, SPEC)


def test_it_passes_when_kurtosis_is_below_three_and_a_half_even_if_skewed():
    x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
    assert passes(x, TreatSpec(skew=1.0, kurt=3.5))  # |skew| 1.697 >= 1 but kurtosis 3.152 < 3.5
    assert not passes(x, TreatSpec(skew=1.0, kurt=3.0))


def test_it_winsorises_the_high_outlier_to_the_next_value():
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    assert abs(skewness(x)) > 2 and kurtosis(x) > 3.5
    y, rec = treat_column(x, "X", SPEC)
    assert y.tolist() == [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 9]
    assert (rec.treatment, rec.low, rec.high, rec.steps) == ("winsorised", 0, 1, 1)
    assert rec.flags[-1] == "WHigh" and rec.flags[0] == ""


def test_it_winsorises_the_low_side_when_skew_is_negative():
    x = -np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    y, rec = treat_column(x, "X", SPEC)
    assert y[-1] == -9.0 and rec.low == 1 and rec.high == 0 and rec.flags[-1] == "WLow"


def test_a_point_winsorised_twice_counts_once():
    x = np.array([1.0] * 12 + [50.0, 1000.0])
    y, rec = treat_column(x, "X", TreatSpec(winmax=5))
    # step 1: 1000 -> 50; step 2: both 50s -> 1 ... two units changed, not three
    assert rec.high == sum(f == "WHigh" for f in rec.flags)
    assert rec.high == 2 and y.max() == 1.0


def test_it_falls_back_to_the_coin_tool_log_when_winsorising_is_not_enough():
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    y, rec = treat_column(x, "X", TreatSpec(winmax=0))
    expected = np.log(x - 1 + 0.01 * 99)
    np.testing.assert_allclose(y, expected, rtol=1e-15)
    assert rec.treatment == "log" and rec.low == rec.high == 0 and rec.flags == ["Log"] * 10


def test_plain_log_refuses_non_positive_values():
    x = np.array([0.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    with pytest.raises(MethodError, match="'X'"):
        treat_column(x, "X", TreatSpec(winmax=0, fallback="log"))


def test_treat_records_every_indicator_and_keeps_passing_ones():
    frame = pd.DataFrame({"a": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100], "b": np.arange(10.0)})
    out, records = treat(frame, SPEC)
    assert records["b"].treatment == "none" and out["b"].equals(frame["b"])
    assert records["a"].treatment == "winsorised"
    assert not math.isnan(records["a"].skew_after)
