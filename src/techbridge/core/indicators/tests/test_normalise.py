"""Every normalisation method on a hand-computed case."""

import numpy as np
import pytest

from techbridge.core.indicators.errors import DataError, MethodError
from techbridge.core.indicators.normalise import NormaliseSpec, normalise

X = np.array([[2.0, 10.0], [4.0, 30.0], [6.0, 20.0], [8.0, np.nan]])
DIRS = np.array([1.0, -1.0])
CODES = ["a", "b"]


def run(**kw):
    return normalise(X, DIRS, NormaliseSpec(**kw), CODES, ["u1", "u2", "u3", "u4"], {"a": 10.0, "b": 5.0})


def test_minmax_applies_direction_first():
    out = run(method="minmax", low=0, high=100)
    np.testing.assert_allclose(out[:, 0], [0, 100 / 3, 200 / 3, 100])
    np.testing.assert_allclose(out[:3, 1], [100, 0, 50])  # lower is better
    assert np.isnan(out[3, 1])


def test_minmax_to_any_range():
    np.testing.assert_allclose(run(method="minmax", low=1, high=100)[:, 0], [1, 34, 67, 100])


def test_zscore_uses_the_sample_standard_deviation():
    sd = np.std([2, 4, 6, 8], ddof=1)
    np.testing.assert_allclose(run(method="zscore")[:, 0], (np.array([2, 4, 6, 8]) - 5) / sd)
    np.testing.assert_allclose(run(method="zscore", mean=100, sd=10)[:3, 1], [110, 90, 100])


def test_rank_and_percentile_rank():
    np.testing.assert_allclose(run(method="rank")[:, 0], [1, 2, 3, 4])
    np.testing.assert_allclose(run(method="rank")[:3, 1], [3, 1, 2])
    np.testing.assert_allclose(run(method="prank", low=0, high=100)[:, 0], [0, 100 / 3, 200 / 3, 100])


def test_distance_to_maximum_is_the_ratio_to_the_best():
    out = run(method="dist_max", high=100)
    np.testing.assert_allclose(out[:, 0], [25, 50, 75, 100])
    np.testing.assert_allclose(out[:3, 1], [100, 100 / 3, 50])  # best (lowest) / x


def test_distance_to_a_reference_unit():
    out = run(method="dist_ref", reference="u2", high=100)
    np.testing.assert_allclose(out[:, 0], [50, 100, 150, 200])


def test_distance_to_target_is_capped():
    out = run(method="dist_target", high=100)
    np.testing.assert_allclose(out[:, 0], [0, 25, 50, 75])  # (x - 2) / (10 - 2)
    # b: lower is better, target 5: worst is 30 -> (30 - x) / (30 - 5), capped at 1
    np.testing.assert_allclose(out[:3, 1], [80, 0, 40])


def test_goalposts_clip_outside_values():
    out = normalise(
        X,
        DIRS,
        NormaliseSpec(method="goalposts", low=0, high=100, goalposts={"a": (3, 7), "b": (30, 10)}),
        CODES,
    )
    np.testing.assert_allclose(out[:, 0], [0, 25, 75, 100])
    np.testing.assert_allclose(out[:3, 1], [100, 0, 50])


def test_it_names_an_indicator_without_spread():
    with pytest.raises(DataError, match="'c'"):
        normalise(np.array([[1.0], [1.0]]), np.array([1.0]), NormaliseSpec(), ["c"])


def test_it_rejects_an_unknown_method_and_missing_goalposts():
    with pytest.raises(MethodError, match="unknown method 'cube'"):
        run(method="cube")
    with pytest.raises(MethodError, match="'b' has no goalposts"):
        normalise(X, DIRS, NormaliseSpec(method="goalposts", goalposts={"a": (0, 1)}), CODES)
