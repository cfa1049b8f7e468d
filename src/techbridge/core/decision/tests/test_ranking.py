"""TOPSIS and the weighted sum against hand computations, and the batched scores against pymcdm."""

import numpy as np
import pytest
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from techbridge.core.decision import Criterion, DecisionMatrix, topsis, weighted_sum
from techbridge.core.decision.ranking import batch_scores, ranks_from_scores


def opricovic_tzeng_matrix() -> DecisionMatrix:
    # Data of the numerical example of Opricovic & Tzeng (2004): f1 to minimise, f2 to maximise.
    return DecisionMatrix(
        ["A1", "A2", "A3"],
        [Criterion("f1", "cost"), Criterion("f2", "benefit")],
        [[1, 3000], [2, 3750], [5, 4500]],
    )


def test_topsis_matches_a_hand_computation():
    # Vector norms: f1 sqrt(30) = 5.4772, f2 sqrt(43.3125e6) = 6581.2; weighted (w = .5) normalised values
    # f1 .0913 .1826 .4564 (ideal = min), f2 .2279 .2849 .3419 (ideal = max).
    # A1: D+ = .1140, D- = .3651 -> .762; A2: D+ = sqrt(.0913^2+.0570^2) = .1076, D- = sqrt(.2738^2+.0570^2)
    # = .2797 -> .722; A3: D+ = .3651, D- = .1140 -> .238.
    r = topsis(opricovic_tzeng_matrix())
    assert r.scores == pytest.approx([0.762, 0.722, 0.238], abs=1e-3)
    assert r.order == ("A1", "A2", "A3")
    assert r.ranks.tolist() == [1, 2, 3]


def test_weighted_sum_matches_a_hand_computation():
    # min-max values: f1 (cost) 1, .75, 0; f2 0, .5, 1 -> .5, .625, .5
    r = weighted_sum(opricovic_tzeng_matrix())
    assert r.scores == pytest.approx([0.5, 0.625, 0.5])
    assert r.ranks.tolist() == [2, 1, 2]


def test_equal_scores_share_the_better_rank():
    assert ranks_from_scores(np.array([0.3, 0.9, 0.3, 0.1])).tolist() == [2, 1, 2, 4]
    assert ranks_from_scores(np.array([0.3, 0.9, 0.3]), higher_is_better=False).tolist() == [1, 3, 1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batched_topsis_agrees_with_pymcdm(seed):
    rng = np.random.default_rng(seed)
    values = rng.uniform(1, 100, size=(15, 5))
    crits = [Criterion(f"c{j}", "cost" if j % 2 else "benefit") for j in range(5)]
    dm = DecisionMatrix([f"s{i}" for i in range(15)], crits, values)
    weights = rng.dirichlet(np.ones(5), size=4)
    batched = batch_scores(dm, weights, "topsis")
    method = TOPSIS(normalization_function=vector_normalization)
    for k, w in enumerate(weights):
        expected = method(values, w, dm.signs.astype(int))
        np.testing.assert_allclose(batched[k], expected, atol=1e-12)
    np.testing.assert_allclose(topsis(dm.with_weights(weights[0])).scores, batched[0], atol=1e-12)


def test_batched_weighted_sum_equals_the_single_weight_ranking():
    dm = opricovic_tzeng_matrix()
    np.testing.assert_allclose(
        batch_scores(dm, dm.weights[None, :], "weighted_sum")[0], weighted_sum(dm).scores
    )


def test_it_rejects_an_unknown_value_model():
    with pytest.raises(ValueError, match="unknown value model 'electre'"):
        batch_scores(opricovic_tzeng_matrix(), np.array([[0.5, 0.5]]), "electre")


def test_ranking_as_dict_is_plain_data():
    d = topsis(opricovic_tzeng_matrix()).as_dict()
    assert d["order"] == ["A1", "A2", "A3"] and d["ranks"]["A3"] == 3
