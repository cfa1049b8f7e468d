"""Weight stability intervals and rank reversal on hand-solved cases."""

import numpy as np
import pytest

from techbridge.core.decision import (
    Criterion,
    DecisionInputError,
    DecisionMatrix,
    rank_reversal,
    vikor,
    weight_stability,
    weighted_sum,
)
from techbridge.core.decision.sensitivity import moved_weights


def test_moving_one_weight_rescales_the_others_proportionally():
    rows = moved_weights(np.array([0.5, 0.3, 0.2]), 2, np.array([0.0, 0.6]))
    np.testing.assert_allclose(rows, [[0.625, 0.375, 0.0], [0.25, 0.15, 0.6]])


def test_intervals_match_the_hand_solution():
    # Weighted sum: A = (1, 0), B = (0, 1) after min-max; A first while w_x >= w_y, i.e. w_x in [.5, 1].
    dm = DecisionMatrix(
        ["A", "B"], [Criterion("x", weight=0.6), Criterion("y", weight=0.4)], [[10, 0], [0, 3]]
    )
    x, y = weight_stability(dm, "weighted_sum")
    assert (x.top, x.weight) == ("A", pytest.approx(0.6))
    assert (x.low, x.high) == (pytest.approx(0.5, abs=1e-4), 1.0)
    assert (x.lower_challenger, x.upper_challenger) == ("B", None)
    assert (y.low, y.high) == (0.0, pytest.approx(0.5, abs=1e-4))
    assert y.upper_challenger == "B"
    assert y.width == pytest.approx(0.5, abs=1e-4)


def test_a_criterion_that_cannot_dethrone_the_top_site_spans_the_unit_interval():
    # z is constant (no discrimination): A keeps its 5:3 lead over B whatever w_z
    dm = DecisionMatrix(
        ["A", "B"],
        [Criterion("x", weight=0.5), Criterion("y", weight=0.3), Criterion("z", weight=0.2)],
        [[1, 0, 7], [0, 1, 7]],
    )
    z = weight_stability(dm, "weighted_sum")[2]
    assert (z.low, z.high, z.lower_challenger, z.upper_challenger) == (0.0, 1.0, None, None)


@pytest.mark.parametrize("method", ["topsis", "promethee", vikor])
def test_every_method_keeps_the_top_site_at_the_current_weights(method):
    dm = DecisionMatrix(
        ["A", "B", "C"],
        [Criterion("x", weight=0.5), Criterion("y", weight=0.3), Criterion("cost", "cost", 0.2)],
        [[9, 2, 5], [4, 8, 4], [6, 6, 6]],
    )
    for interval in weight_stability(dm, method, grid=21, tol=1e-3):
        assert interval.low <= interval.weight <= interval.high


def test_adding_a_site_can_reverse_a_pair():
    # x in [5, 6], y in [5, 8]: A = .6*1 + .4*0 = .6 > B = .4. Adding C = (0, 8) widens x to [0, 6]:
    # A = .6, B = .6*5/6 + .4 = .9 -> B above A.
    dm = DecisionMatrix(
        ["A", "B"], [Criterion("x", weight=0.6), Criterion("y", weight=0.4)], [[6, 5], [5, 8]]
    )
    report = rank_reversal(dm, weighted_sum, add=("C", {"x": 0, "y": 8}))
    assert report.flipped == (("A", "B"),)
    assert report.top_changed and report.has_reversal
    assert report.after.order == ("B", "A", "C")


def test_removing_a_site_can_reverse_a_pair():
    dm = DecisionMatrix(
        ["A", "B", "C"], [Criterion("x", weight=0.6), Criterion("y", weight=0.4)], [[6, 5], [5, 8], [0, 8]]
    )
    report = rank_reversal(dm, weighted_sum, remove="C")
    assert report.flipped == (("B", "A"),)


def test_no_reversal_is_reported_when_orders_agree():
    dm = DecisionMatrix(["A", "B"], [Criterion("x")], [[2], [1]])
    assert rank_reversal(dm, weighted_sum, add=("C", [0])).flipped == ()


def test_it_needs_a_change_and_a_known_site():
    dm = DecisionMatrix(["A", "B"], [Criterion("x")], [[2], [1]])
    with pytest.raises(DecisionInputError, match="needs a site to add or to remove"):
        rank_reversal(dm, weighted_sum)
    with pytest.raises(DecisionInputError, match="unknown site 'Z'"):
        rank_reversal(dm, weighted_sum, remove="Z")
    with pytest.raises(DecisionInputError, match="site 'C' has no valid value for criterion 'x'"):
        rank_reversal(dm, weighted_sum, add=("C", {}))
    with pytest.raises(DecisionInputError, match="at least 3 points"):
        weight_stability(dm, grid=2)
