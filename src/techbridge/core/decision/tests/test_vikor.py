"""VIKOR against Opricovic & Tzeng (2004) and hand-built cases for each compromise-set rule."""

import numpy as np
import pytest
from pymcdm.methods import VIKOR

from techbridge.core.decision import Criterion, DecisionInputError, DecisionMatrix, vikor


def test_opricovic_tzeng_example_proposes_a2():
    # f1 (min): best 1, worst 5; f2 (max): best 4500, worst 3000; w = .5 each.
    # A1: gaps (0, 1) -> S .5, R .5; A2: (.25, .5) -> S .375, R .25; A3: (1, 0) -> S .5, R .5; Q = (1, 0, 1).
    dm = DecisionMatrix(
        ["A1", "A2", "A3"], [Criterion("f1", "cost"), Criterion("f2")], [[1, 3000], [2, 3750], [5, 4500]]
    )
    r = vikor(dm)
    assert r.details["S"] == pytest.approx([0.5, 0.375, 0.5])
    assert r.details["R"] == pytest.approx([0.5, 0.25, 0.5])
    assert r.details["Q"] == pytest.approx([1.0, 0.0, 1.0])
    assert r.details["acceptable_advantage"] and r.details["acceptable_stability"]
    assert r.details["compromise_set"] == ("A2",)
    assert r.top == "A2" and r.ranks.tolist() == [2, 1, 2]


def test_without_acceptable_advantage_the_compromise_set_is_every_close_site():
    # gaps: A (0,1) S .5 R .5; B (.1,.8) S .45 R .4; C (1,0) S .5 R .5; D (.5,.5) S .5 R .25
    # Q: A 1, B .3, C 1, D .5; DQ = 1/3; Q(D) - Q(B) = .2 < DQ -> {B, D}
    dm = DecisionMatrix(
        ["A", "B", "C", "D"], [Criterion("x"), Criterion("y")], [[10, 0], [9, 2], [0, 10], [5, 5]]
    )
    r = vikor(dm)
    assert r.details["Q"] == pytest.approx([1.0, 0.3, 1.0, 0.5])
    assert not r.details["acceptable_advantage"]
    assert r.details["acceptable_stability"]
    assert r.details["compromise_set"] == ("B", "D")


def test_without_acceptable_stability_the_compromise_set_is_the_first_two():
    # a1 (gaps .1, .52): S .31, R .26 -- first by Q (.0271) but neither min S (as: .3) nor min R (ar: .25).
    # as (0, .6): Q = .5 * (.3 - .25) / .25 = .1; advantage .1 - .0271 >= DQ = 1/14 holds.
    values = [[10, 4], [5, 5], [9, 4.8], [0, 10]] + [[0, 0]] * 11
    names = ["as", "ar", "a1", "ab"] + [f"filler{i}" for i in range(11)]
    r = vikor(DecisionMatrix(names, [Criterion("x"), Criterion("y")], values))
    assert r.details["Q"][:4] == pytest.approx(
        [0.1, 0.2 / 0.7 / 2, 0.01 / 0.7 / 2 + 0.01 / 0.25 / 2, 0.2 / 0.7 / 2 + 0.5]
    )
    assert r.details["acceptable_advantage"] and not r.details["acceptable_stability"]
    assert r.details["compromise_set"] == ("a1", "as")


def test_q_agrees_with_pymcdm():
    rng = np.random.default_rng(3)
    values = rng.uniform(1, 50, size=(10, 4))
    crits = [Criterion(f"c{j}", "cost" if j in (1, 3) else "benefit", w) for j, w in enumerate([1, 2, 3, 4])]
    dm = DecisionMatrix([f"s{i}" for i in range(10)], crits, values)
    for v in (0.5, 0.2):
        expected = VIKOR(v=v)(values, dm.weights, dm.signs.astype(int))
        np.testing.assert_allclose(vikor(dm, v).details["Q"], expected, atol=1e-12)


def test_a_constant_criterion_is_tolerated():
    dm = DecisionMatrix(["A", "B"], [Criterion("x"), Criterion("same")], [[1, 5], [2, 5]])
    assert vikor(dm).top == "B"


def test_it_rejects_v_outside_the_unit_interval():
    dm = DecisionMatrix(["A", "B"], [Criterion("x")], [[1], [2]])
    with pytest.raises(DecisionInputError, match=r"v .* must be in \[0, 1\]"):
        vikor(dm, v=1.5)
