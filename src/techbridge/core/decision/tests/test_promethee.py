"""PROMETHEE II against hand-computed flows and against pymcdm's PROMETHEE_II."""

import math

import numpy as np
import pytest
from pymcdm.methods import PROMETHEE_II

from techbridge.core.decision import (
    Criterion,
    DecisionInputError,
    DecisionMatrix,
    PreferenceFunction,
    promethee_ii,
)
from techbridge.core.decision.promethee import gaussian_s_from_data, unicriterion_flows


def three_by_three() -> DecisionMatrix:
    return DecisionMatrix(
        ["A1", "A2", "A3"],
        [Criterion("c1", weight=0.5), Criterion("c2", weight=0.3), Criterion("c3", weight=0.2)],
        [[4, 3, 2], [3, 2, 4], [5, 1, 3]],
    )


def one_criterion() -> DecisionMatrix:
    return DecisionMatrix(["a", "b", "c"], [Criterion("x")], [[0], [1], [3]])


def test_usual_function_matches_a_hand_computation():
    # pi(1,2) = .5+.3 = .8, pi(2,1) = .2; pi(1,3) = .3, pi(3,1) = .7; pi(2,3) = .5, pi(3,2) = .5
    # phi+ = (.55, .35, .6), phi- = (.45, .65, .4)
    r = promethee_ii(three_by_three())
    assert r.details["phi_plus"] == pytest.approx([0.55, 0.35, 0.6])
    assert r.details["phi_minus"] == pytest.approx([0.45, 0.65, 0.4])
    assert r.scores == pytest.approx([0.1, -0.3, 0.2])
    assert r.order == ("A3", "A1", "A2")


@pytest.mark.parametrize(
    ("fn", "expected"),
    [
        # differences b-a = 1, c-a = 3, c-b = 2
        (PreferenceFunction("linear", p=2.0), [-0.75, -0.25, 1.0]),  # P = .5, 1, 1
        (PreferenceFunction("vshape_indifference", q=0.5, p=2.5), [-0.625, -0.25, 0.875]),  # .25, 1, .75
        (PreferenceFunction("ushape", q=1.5), [-0.5, -0.5, 1.0]),  # P = 0, 1, 1
        (PreferenceFunction("level", q=0.5, p=2.5), [-0.75, 0.0, 0.75]),  # P = .5, 1, .5
        (
            PreferenceFunction("gaussian", s=1.0),
            [
                -(1 - math.exp(-0.5) + 1 - math.exp(-4.5)) / 2,
                (1 - math.exp(-0.5) - (1 - math.exp(-2))) / 2,
                (1 - math.exp(-4.5) + 1 - math.exp(-2)) / 2,
            ],
        ),
    ],
)
def test_preference_functions_match_hand_computations(fn, expected):
    assert promethee_ii(one_criterion(), fn).scores == pytest.approx(expected)


def test_cost_criteria_are_reversed():
    # a beats b by 1 (P .5) and c by 3 (P 1); b beats c by 2 (P 1): a (.5+1)/2, b (1-.5)/2, c -(1+1)/2
    dm = DecisionMatrix(["a", "b", "c"], [Criterion("x", "cost")], [[0], [1], [3]])
    assert promethee_ii(dm, PreferenceFunction("linear", p=2.0)).scores == pytest.approx([0.75, 0.25, -1.0])


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (lambda p, q: PreferenceFunction("usual"), lambda p, q: PROMETHEE_II("usual")),
        (lambda p, q: PreferenceFunction("linear", p=p), lambda p, q: PROMETHEE_II("vshape", p=[p] * 4)),
        (
            lambda p, q: PreferenceFunction("vshape_indifference", q=q, p=p),
            lambda p, q: PROMETHEE_II("vshape_2", p=[p] * 4, q=[q] * 4),
        ),
        (lambda p, q: PreferenceFunction("ushape", q=q), lambda p, q: PROMETHEE_II("ushape", q=[q] * 4)),
        (
            lambda p, q: PreferenceFunction("level", q=q, p=p),
            lambda p, q: PROMETHEE_II("level", p=[p] * 4, q=[q] * 4),
        ),
    ],
)
def test_it_agrees_with_pymcdm(ours, theirs):
    rng = np.random.default_rng(7)
    values = rng.uniform(0, 10, size=(12, 4))
    crits = [
        Criterion(f"c{j}", "cost" if j == 3 else "benefit", w) for j, w in enumerate([0.4, 0.3, 0.2, 0.1])
    ]
    dm = DecisionMatrix([f"s{i}" for i in range(12)], crits, values)
    expected = theirs(3.0, 1.0)(values, dm.weights, dm.signs.astype(int))
    np.testing.assert_allclose(promethee_ii(dm, ours(3.0, 1.0)).scores, expected, atol=1e-12)


def test_net_flow_is_the_weighted_sum_of_unicriterion_flows():
    dm = three_by_three()
    assert unicriterion_flows(dm) @ dm.weights == pytest.approx(promethee_ii(dm).scores)


def test_per_criterion_functions_and_gaussian_defaults():
    dm = three_by_three()
    fns = gaussian_s_from_data(dm)
    assert [f.kind for f in fns] == ["gaussian"] * 3
    assert fns[0].s == pytest.approx(np.std([4, 3, 5]))
    assert promethee_ii(dm, fns).scores.sum() == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "linear", "p": 0.0}, "needs p > 0"),
        ({"kind": "vshape_indifference", "q": 2.0, "p": 1.0}, "needs p > q"),
        ({"kind": "gaussian"}, "needs s > 0"),
        ({"kind": "sigmoid"}, "unknown preference function"),
    ],
)
def test_it_rejects_bad_preference_parameters(kwargs, message):
    with pytest.raises(DecisionInputError, match=message):
        PreferenceFunction(**kwargs)


def test_it_rejects_the_wrong_number_of_functions():
    with pytest.raises(DecisionInputError, match="got 2 preference functions for 3 criteria"):
        promethee_ii(three_by_three(), [PreferenceFunction(), PreferenceFunction()])
