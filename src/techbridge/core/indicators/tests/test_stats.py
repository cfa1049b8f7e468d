"""Skewness/kurtosis against the e1071 type-2 formulas worked by hand, and Cronbach's alpha."""

import math

import numpy as np
import pytest

from techbridge.core.indicators.stats import cronbach_alpha, describe, kurtosis, skewness

# x = 1, 2, 3, 4, 10: mean 4, deviations -3 -2 -1 0 6
# m2 = 50/5 = 10, m3 = 180/5 = 36, m4 = 1394/5 = 278.8
# g1 = 36 / 10^1.5; G1 = g1 * sqrt(5*4) / 3 = 1.2 * sqrt(2)
# g2 = 278.8 / 100 - 3 = -0.212; G2 = ((6 * -0.212) + 6) * 4 / (3 * 2) = 3.152
X = np.array([1.0, 2.0, 3.0, 4.0, 10.0])


def test_skewness_matches_e1071_type_2_by_hand():
    assert skewness(X) == pytest.approx(1.2 * math.sqrt(2), rel=1e-14)


def test_kurtosis_matches_e1071_type_2_by_hand():
    assert kurtosis(X) == pytest.approx(3.152, rel=1e-13)


def test_statistics_ignore_missing_values():
    with_nan = np.append(X, np.nan)
    assert skewness(with_nan) == pytest.approx(skewness(X))
    assert describe(with_nan)["missing_share"] == pytest.approx(1 / 6)


def test_it_returns_nan_for_too_few_points_or_no_spread():
    assert math.isnan(skewness(np.array([1.0, 2.0])))
    assert math.isnan(kurtosis(np.array([3.0, 3.0, 3.0, 3.0])))


def test_cronbach_alpha_by_hand():
    # two identical items: alpha = 2 * (1 - 2v / 4v) = 1
    x = np.array([[1.0, 1.0], [2.0, 2.0], [4.0, 4.0]])
    assert cronbach_alpha(x) == pytest.approx(1.0)
    # items (1,2,3) and (3,2,1): total is constant -> undefined
    assert math.isnan(cronbach_alpha(np.array([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]])))
    # items a=(1,2,3), b=(1,3,2): var a = var b = 1, total (2,5,5) var 3 -> alpha = 2 (1 - 2/3) = 2/3
    assert cronbach_alpha(np.array([[1.0, 1.0], [2.0, 3.0], [3.0, 2.0]])) == pytest.approx(2 / 3)
