"""Best-worst method against Rezaei (2015) and hand-solved linear cases."""

import pytest

from techbridge.core.decision import DecisionInputError, bwm_weights, group_bwm_weights


def test_rezaei_2015_example_nonlinear_model():
    # Rezaei (2015), Omega 53, basic example: best c3, worst c1; published w = (.071, .338, .589), xi* = .26.
    r = bwm_weights([8, 2, 1], [1, 5, 8], model="nonlinear")
    assert r.weights == pytest.approx([0.071, 0.338, 0.589], abs=1e-3)
    assert r.xi == pytest.approx(0.26, abs=5e-3)
    # CR = xi* / CI(a_BW = 8) = .258 / 4.47
    assert r.consistency_ratio == pytest.approx(r.xi / 4.47)


def test_linear_model_on_the_same_judgements_is_exact():
    # w = (2, 9, 17)/28: |w3 - 2 w2| = |w3 - 8 w1| = |w2 - 5 w1| = 1/28 = xi^L
    r = bwm_weights([8, 2, 1], [1, 5, 8], ["quality", "price", "style"])
    assert r.weights == pytest.approx([2 / 28, 9 / 28, 17 / 28])
    assert r.xi == pytest.approx(1 / 28)
    assert r.consistency_ratio is None
    # input-based CR: max |a_Bj a_jW - a_BW| / (a_BW^2 - a_BW) = |2*5 - 8| / 56
    assert r.input_consistency_ratio == pytest.approx(2 / 56)
    assert r.as_dict()["style"] == pytest.approx(17 / 28)


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
def test_consistent_judgements_give_exact_weights(model):
    r = bwm_weights([1, 2, 4], [4, 2, 1], model=model)
    assert r.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-6)
    assert r.xi == pytest.approx(0.0, abs=1e-6)
    assert r.input_consistency_ratio == 0.0


def test_judges_are_aggregated_by_geometric_mean():
    # geometric means: best-to-others (1, sqrt(3 * 4/3), sqrt(9 * 16/9)) = (1, 2, 4), others-to-worst (4, 2, 1)
    r = group_bwm_weights([[1, 3, 9], [1, 4 / 3, 16 / 9]], [[9, 3, 1], [16 / 9, 4 / 3, 1]])
    assert r.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-6)


@pytest.mark.parametrize(
    ("ab", "aw", "message"),
    [
        ([1, 3, 9], [9, 3, 2], "must be 1"),
        ([1, 3, 9], [8, 3, 1], "best-over-worst judged 9 .* but 8"),
        ([1, 0.5, 9], [9, 3, 1], "judgement for 'c2' must be >= 1"),
        ([1, 3], [9, 3, 1], "same length"),
    ],
)
def test_it_rejects_bad_judgements(ab, aw, message):
    with pytest.raises(DecisionInputError, match=message):
        bwm_weights(ab, aw)


def test_it_rejects_judges_who_disagree_on_the_best_criterion():
    with pytest.raises(DecisionInputError, match="different best or worst"):
        group_bwm_weights([[1, 2, 4], [2, 1, 4]], [[4, 2, 1], [2, 4, 1]])
