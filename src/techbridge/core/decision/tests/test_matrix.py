"""DecisionMatrix validation: bad input is reported naming the site and the criterion."""

import math

import numpy as np
import pytest

from techbridge.core.decision import Criterion, DecisionInputError, DecisionMatrix

CRITS = [
    Criterion("rail_access", "benefit", 2.0),
    Criterion("cost_keur", "cost", 1.0),
    Criterion("risk", "cost", 1.0),
]


def test_it_normalises_weights_and_reports_signs():
    dm = DecisionMatrix(["Budapest", "Riga"], CRITS, [[3, 560, 3], [2, 480, 6]])
    assert dm.weights.tolist() == [0.5, 0.25, 0.25]
    assert dm.signs.tolist() == [1.0, -1.0, -1.0]
    assert dm.shape == (2, 3)


def test_it_accepts_a_site_to_criterion_mapping():
    dm = DecisionMatrix(
        ["Budapest", "Riga"],
        CRITS,
        {
            "Budapest": {"rail_access": 3, "cost_keur": 560, "risk": 3},
            "Riga": {"rail_access": 2, "cost_keur": 480, "risk": 6},
        },
    )
    assert dm.values[1].tolist() == [2, 480, 6]


@pytest.mark.parametrize("bad", [None, math.nan, "n/a", math.inf])
def test_it_rejects_a_missing_value_naming_site_and_criterion(bad):
    with pytest.raises(DecisionInputError, match=r"site 'Riga' has no valid value for criterion 'cost_keur'"):
        DecisionMatrix(["Budapest", "Riga"], CRITS, [[3, 560, 3], [2, bad, 6]])


def test_it_rejects_a_criterion_absent_from_the_mapping():
    with pytest.raises(DecisionInputError, match=r"site 'Riga' .* criterion 'risk'"):
        DecisionMatrix(
            ["Budapest", "Riga"],
            CRITS,
            {
                "Budapest": {"rail_access": 3, "cost_keur": 560, "risk": 3},
                "Riga": {"rail_access": 2, "cost_keur": 480},
            },
        )


def test_it_rejects_a_nan_in_a_numeric_array():
    values = np.array([[3, 560, 3], [2, 480, np.nan]])
    with pytest.raises(DecisionInputError, match=r"site 'Riga' .* criterion 'risk'"):
        DecisionMatrix(["Budapest", "Riga"], CRITS, values)


def test_it_rejects_values_for_an_unknown_site():
    with pytest.raises(DecisionInputError, match="unknown site"):
        DecisionMatrix(["Budapest"], CRITS, {"Budapest": {}, "Oslo": {}})


@pytest.mark.parametrize(
    ("sites", "crits", "values", "message"),
    [
        (["A", "A"], CRITS, [[1, 1, 1], [1, 1, 1]], "duplicate site name 'A'"),
        (["A"], [Criterion("x"), Criterion("x")], [[1, 1]], "duplicate criterion name 'x'"),
        (["A"], CRITS, [[1, 1]], "site 'A' has 2 values but there are 3 criteria"),
        (["A", "B"], CRITS, [[1, 1, 1]], "values have 1 rows but there are 2 sites"),
        (["A"], [Criterion("x", weight=0.0)], [[1]], "weights are all zero"),
    ],
)
def test_it_rejects_malformed_tables(sites, crits, values, message):
    with pytest.raises(DecisionInputError, match=message):
        DecisionMatrix(sites, crits, values)


def test_it_rejects_a_bad_criterion():
    with pytest.raises(DecisionInputError, match="kind must be 'benefit' or 'cost'"):
        Criterion("risk", "bad")  # type: ignore[arg-type]
    with pytest.raises(DecisionInputError, match="weight must be finite and >= 0"):
        Criterion("risk", "cost", -1.0)


def test_it_adds_and_removes_sites_and_replaces_weights():
    dm = DecisionMatrix(["Budapest", "Riga"], CRITS, [[3, 560, 3], [2, 480, 6]])
    bigger = dm.with_site("Minsk", {"rail_access": 3, "cost_keur": 320, "risk": 8})
    assert bigger.alternatives == ("Budapest", "Riga", "Minsk")
    assert bigger.without("Riga").alternatives == ("Budapest", "Minsk")
    assert dm.with_weights([1, 1, 2]).weights.tolist() == [0.25, 0.25, 0.5]
    with pytest.raises(DecisionInputError, match="already in the matrix"):
        dm.with_site("Riga", [1, 1, 1])
    with pytest.raises(DecisionInputError, match="unknown site 'Oslo'"):
        dm.without("Oslo")
