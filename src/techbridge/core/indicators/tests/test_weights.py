"""AHP (Saaty's textbook example), budget allocation, PCA weights."""

import numpy as np
import pytest

from techbridge.core.indicators.errors import MethodError
from techbridge.core.indicators.weights import ahp, budget, pca_weights


def test_ahp_reproduces_saatys_three_criteria_example():
    # Saaty (1980): A 3x as important as B, 5x as C; B 3x as C -> w = (0.637, 0.258, 0.105), CR = 0.033
    res = ahp(["A", "B", "C"], [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert [round(res.weights[k], 3) for k in "ABC"] == [0.637, 0.258, 0.105]
    assert res.lambda_max == pytest.approx(3.0385, abs=1e-4)
    assert res.ci == pytest.approx((res.lambda_max - 3) / 2)
    assert res.cr == pytest.approx(res.ci / 0.58) and round(res.cr, 3) == 0.033
    assert res.consistent


def test_ahp_accepts_named_judgements_and_flags_inconsistency():
    same = ahp(["A", "B", "C"], {"A>B": 3, "A>C": 5, "B>C": 3})
    assert same.weights["A"] == pytest.approx(0.637, abs=1e-3)
    # A > B, B > C, but C 9x as important as A: intransitive
    bad = ahp(["A", "B", "C"], {"A>B": 5, "B>C": 5, "C>A": 9})
    assert bad.cr > 0.1 and not bad.consistent


def test_a_perfectly_consistent_matrix_has_zero_consistency_ratio():
    res = ahp(["A", "B"], [[1, 2], [0.5, 1]])
    assert res.weights == pytest.approx({"A": 2 / 3, "B": 1 / 3})
    assert res.cr == 0.0


def test_ahp_rejects_unknown_elements_and_non_reciprocal_matrices():
    with pytest.raises(MethodError, match="'A>Z'"):
        ahp(["A", "B"], {"A>Z": 3})
    with pytest.raises(MethodError, match="reciprocal"):
        ahp(["A", "B"], [[1, 2], [2, 1]])


def test_budget_allocation_averages_the_experts():
    w = budget(["a", "b", "c"], [{"a": 50, "b": 50}, {"a": 30, "b": 30, "c": 40}])
    assert w == pytest.approx({"a": 0.4, "b": 0.4, "c": 0.2})
    with pytest.raises(MethodError, match="unknown element"):
        budget(["a"], [{"z": 1}])


def test_pca_weights_are_equal_for_equally_shared_variance():
    rng = np.random.default_rng(0)
    f = rng.normal(size=200)
    x = np.column_stack([f, f, f])
    assert pca_weights(["a", "b", "c"], x) == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    noisy = np.column_stack([f, f + rng.normal(size=200) * 0.1, rng.normal(size=200)])
    w = pca_weights(["a", "b", "c"], noisy)
    assert w["c"] < 0.05 < w["a"]
