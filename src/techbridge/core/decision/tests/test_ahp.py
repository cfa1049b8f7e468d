"""AHP weights and consistency against Saaty's published example and hand-computed cases."""

import math
import warnings

import numpy as np
import pytest
from pymcdm.weights.subjective import AHP

from techbridge.core.decision import (
    DecisionInputError,
    InconsistentJudgementError,
    InconsistentJudgementWarning,
    aggregate_judgements,
    ahp_weights,
    group_ahp_weights,
)

# Saaty (1990), EJOR 48, "How to make a decision", house example: published lambda_max 9.669,
# C.I. 0.238, C.R. 0.169.
HOUSE = ["size", "transportation", "neighborhood", "age", "yard", "facilities", "condition", "financing"]
HOUSE_MATRIX = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]


def test_a_consistent_matrix_gives_exact_weights_and_zero_cr():
    # a_ij = w_i / w_j with w = (4, 2, 1) / 7
    r = ahp_weights([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]], ["rail", "cost", "risk"])
    assert r.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert r.lambda_max == pytest.approx(3.0)
    assert r.consistency_ratio == pytest.approx(0.0, abs=1e-12)
    assert r.is_consistent
    assert r.as_dict()["rail"] == pytest.approx(4 / 7)


def test_saatys_house_example_reproduces_the_published_consistency():
    with pytest.warns(InconsistentJudgementWarning) as caught:
        r = ahp_weights(HOUSE_MATRIX, HOUSE)
    assert r.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert r.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert r.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert not r.is_consistent
    message = str(caught[0].message)
    assert "CR = 0.169 > 0.1" in message
    assert "(size, neighborhood, condition)" in message


def test_the_most_inconsistent_triple_is_the_largest_log_error():
    # size/neighborhood 3, neighborhood/condition 6 imply size/condition 18, judged 1/3: |log 54| = 3.99
    r = ahp_weights(HOUSE_MATRIX, HOUSE, on_inconsistent="ignore")
    t = r.worst_triple
    assert (t.i, t.j, t.k) == ("size", "neighborhood", "condition")
    assert t.log_error == pytest.approx(math.log(54))
    assert "imply size/condition = 18" in t.describe()


def test_inconsistent_judgements_can_be_rejected_with_the_triple():
    with pytest.raises(
        InconsistentJudgementError, match=r"CR = 0.169 .* \(size, neighborhood, condition\)"
    ) as err:
        ahp_weights(HOUSE_MATRIX, HOUSE, on_inconsistent="raise")
    assert err.value.result.consistency_ratio == pytest.approx(0.169, abs=5e-4)


def test_weights_agree_with_pymcdm():
    ours = ahp_weights(HOUSE_MATRIX, on_inconsistent="ignore").weights
    theirs = AHP(matrix=np.array(HOUSE_MATRIX))()
    np.testing.assert_allclose(ours, theirs, atol=1e-10)


def test_a_consistent_matrix_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ahp_weights([[1, 3], [1 / 3, 1]])


def test_judges_are_aggregated_by_geometric_mean():
    # sqrt(4 * 1) = 2 -> weights 2/3, 1/3
    merged = aggregate_judgements([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]])
    assert merged[0, 1] == pytest.approx(2.0) and merged[1, 0] == pytest.approx(0.5)
    r = group_ahp_weights([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]], ["a", "b"])
    assert r.weights == pytest.approx([2 / 3, 1 / 3])


def test_judge_weights_weight_the_geometric_mean():
    merged = aggregate_judgements([[[1, 9], [1 / 9, 1]], [[1, 1], [1, 1]]], judge_weights=[1, 1])
    assert merged[0, 1] == pytest.approx(3.0)
    merged = aggregate_judgements([[[1, 9], [1 / 9, 1]], [[1, 1], [1, 1]]], judge_weights=[1, 0])
    assert merged[0, 1] == pytest.approx(9.0)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 3], [3, 1]], "not reciprocal: rail vs cost = 3 but cost vs rail = 3"),
        ([[1, -2], [-0.5, 1]], "judgement rail vs cost must be a positive number"),
        ([[1, 2, 3], [0.5, 1, 1]], "must be square"),
    ],
)
def test_it_rejects_bad_judgements_naming_the_element(matrix, message):
    with pytest.raises(DecisionInputError, match=message):
        ahp_weights(matrix, ["rail", "cost"])


def test_it_rejects_judges_with_different_criteria():
    with pytest.raises(DecisionInputError, match="different numbers of criteria"):
        aggregate_judgements([[[1, 2], [0.5, 1]], [[1, 1, 1], [1, 1, 1], [1, 1, 1]]])
