"""SMAA-2 indices against closed-form cases; determinism, progress reporting, bad input."""

import numpy as np
import pytest

from techbridge.core.decision import SMAA2, Criterion, DecisionInputError, DecisionMatrix


def two_sites() -> DecisionMatrix:
    # A is best on x, B on y: with weighted sum A is first iff w_x > w_y
    return DecisionMatrix(["A", "B"], [Criterion("x"), Criterion("y")], [[1, 0], [0, 1]])


def test_symmetric_sites_share_first_rank_and_have_the_expected_central_weights():
    # Uniform weights on the 2-simplex: w_x ~ U(0, 1); P(A first) = 1/2; E[w | w_x > 1/2] = (3/4, 1/4).
    r = SMAA2(n_samples=20_000, seed=1).fit(two_sites()).result_
    assert r.rank_acceptability[0] == pytest.approx([0.5, 0.5], abs=0.015)
    assert r.central_weights[0] == pytest.approx([0.75, 0.25], abs=0.01)
    assert r.central_weights[1] == pytest.approx([0.25, 0.75], abs=0.01)
    # without value uncertainty each site's central weights make it first: confidence 1
    assert r.confidence.tolist() == [1.0, 1.0]


def test_a_dominated_site_is_never_first_and_has_no_central_weights():
    dm = DecisionMatrix(["A", "B", "C"], [Criterion("x"), Criterion("y", "cost")], [[5, 1], [4, 2], [6, 3]])
    r = SMAA2(n_samples=2_000, model="topsis", seed=0).fit(dm).result_
    assert r.first_rank_acceptability[1] == 0.0  # B is dominated by A
    assert np.isnan(r.central_weights[1]).all()
    assert r.confidence[1] == 0.0
    assert r.as_dict()["sites"]["B"]["central_weights"] is None


@pytest.mark.parametrize("model", ["weighted_sum", "topsis", "promethee"])
def test_rank_acceptabilities_are_distributions(model):
    rng = np.random.default_rng(0)
    dm = DecisionMatrix(
        [f"s{i}" for i in range(6)], [Criterion(f"c{j}") for j in range(3)], rng.uniform(size=(6, 3))
    )
    b = SMAA2(n_samples=1_000, model=model, seed=0).fit(dm).rank_acceptability_
    np.testing.assert_allclose(b.sum(axis=0), 1.0)
    np.testing.assert_allclose(b.sum(axis=1), 1.0)


def test_same_seed_gives_the_same_result_and_another_seed_differs():
    dm = two_sites()
    a = SMAA2(n_samples=500, seed=7, chunk_size=128).fit(dm).result_
    b = SMAA2(n_samples=500, seed=7, chunk_size=128).fit(dm).result_
    c = SMAA2(n_samples=500, seed=8, chunk_size=128).fit(dm).result_
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    np.testing.assert_array_equal(a.central_weights, b.central_weights)
    assert not np.array_equal(a.central_weights, c.central_weights)


def test_weights_around_given_values_concentrate_on_the_given_ranking():
    dm = DecisionMatrix(
        ["A", "B"], [Criterion("x", weight=0.8), Criterion("y", weight=0.2)], [[1, 0], [0, 1]]
    )
    r = SMAA2(n_samples=2_000, weights="around", concentration=200, seed=0).fit(dm).result_
    assert r.first_rank_acceptability[0] > 0.99
    assert r.central_weights[0] == pytest.approx([0.8, 0.2], abs=0.02)


def test_value_uncertainty_lowers_confidence_of_a_close_call():
    dm = DecisionMatrix(["A", "B"], [Criterion("x"), Criterion("y")], [[10, 9.9], [9.9, 10]])
    r = SMAA2(n_samples=2_000, value_spread=0.05, confidence_samples=400, seed=0).fit(dm).result_
    assert 0.2 < r.confidence[0] < 0.95
    assert r.rank_acceptability.sum(axis=1) == pytest.approx([1, 1])


def test_progress_is_reported_up_to_one():
    seen = []
    SMAA2(n_samples=1_000, chunk_size=300, seed=0).fit(two_sites(), progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) == 5
    assert "1000/1000" in seen[-2][1]


def test_holistic_index_orders_the_sites():
    dm = DecisionMatrix(["A", "B", "C"], [Criterion("x"), Criterion("y")], [[1, 1], [0.5, 0.5], [0, 0]])
    r = SMAA2(n_samples=200, seed=0).fit(dm).result_
    assert r.order == ("A", "B", "C")
    assert r.holistic.tolist() == [1.0, 0.5, 0.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 0}, "n_samples must be >= 1"),
        ({"weights": "normal"}, "weights must be 'uniform' or 'around'"),
        ({"value_spread": 1.5}, r"value_spread must be in \[0, 1\)"),
        ({"value_spread": 0.1, "model": "promethee"}, "weighted_sum' and 'topsis' models only"),
    ],
)
def test_it_rejects_bad_parameters(kwargs, message):
    with pytest.raises(DecisionInputError, match=message):
        SMAA2(**kwargs).fit(two_sites())


def test_around_needs_positive_weights():
    dm = DecisionMatrix(["A", "B"], [Criterion("x", weight=1), Criterion("y", weight=0)], [[1, 0], [0, 1]])
    with pytest.raises(DecisionInputError, match="zero for y"):
        SMAA2(weights="around").fit(dm)
