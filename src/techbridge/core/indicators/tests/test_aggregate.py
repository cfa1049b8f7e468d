"""Aggregation methods on hand-computed cases, batching, thresholds and errors."""

import numpy as np
import pytest

from techbridge.core.indicators.aggregate import aggregate, copeland, rank_desc
from techbridge.core.indicators.errors import DataError

X = np.array([[1.0, 4.0], [2.0, 8.0], [4.0, np.nan]])
W = np.array([1.0, 3.0])


def test_weighted_arithmetic_mean_renormalises_over_available_values():
    np.testing.assert_allclose(aggregate(X, W), [(1 + 12) / 4, (2 + 24) / 4, 4.0])


def test_weighted_geometric_mean():
    np.testing.assert_allclose(aggregate(X, W, "geometric"), [(1 * 4**3) ** 0.25, (2 * 8**3) ** 0.25, 4.0])


def test_weighted_harmonic_mean():
    np.testing.assert_allclose(aggregate(X, W, "harmonic"), [4 / (1 + 3 / 4), 4 / (1 / 2 + 3 / 8), 4.0])


def test_generalised_mean_of_order_two_and_its_limits():
    np.testing.assert_allclose(
        aggregate(X, W, "generalised", p=2), [np.sqrt((1 + 48) / 4), np.sqrt((4 + 192) / 4), 4.0]
    )
    np.testing.assert_allclose(aggregate(X, W, "generalised", p=0), aggregate(X, W, "geometric"))
    np.testing.assert_allclose(aggregate(X, W, "generalised", p=-1), aggregate(X, W, "harmonic"))


def test_a_zero_child_gives_zero_under_geometric_and_harmonic_means():
    x = np.array([[0.0, 5.0]])
    assert aggregate(x, W, "geometric")[0] == 0.0
    assert aggregate(x, W, "harmonic")[0] == 0.0


def test_copeland_counts_weighted_pairwise_wins_minus_losses():
    # units a, b, c on three children with weights 1, 1, 1
    x = np.array([[3.0, 1.0, 2.0], [2.0, 3.0, 3.0], [1.0, 2.0, 1.0]])
    # a vs b: a wins child 1, b wins 2 and 3 -> b; a vs c: a wins 1 and 3 -> a; b vs c: b wins all -> b
    np.testing.assert_allclose(aggregate(x, np.ones(3), "copeland"), [0, 2, -2])
    # with weight 5 on child 1, a beats b
    np.testing.assert_allclose(copeland(x, np.array([[5.0, 1.0, 1.0]]))[:, 0], [2, 0, -2])


def test_batched_weights_give_one_column_per_run():
    runs = np.array([[1.0, 3.0], [1.0, 0.0]])
    out = aggregate(X, runs)
    assert out.shape == (3, 2)
    np.testing.assert_allclose(out[:, 0], aggregate(X, W))
    np.testing.assert_allclose(out[:, 1], [1.0, 2.0, 4.0])


def test_it_names_the_unit_and_indicator_with_a_negative_value_under_a_geometric_mean():
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    with pytest.raises(DataError, match=r"aggregate 'P1'.*'b' of unit 'u2' is negative"):
        aggregate(x, W, "geometric", element="P1", codes=["a", "b"], units=["u1", "u2"])


def test_it_names_the_unit_below_the_data_threshold():
    with pytest.raises(
        DataError, match=r"aggregate 'P1': unit 'u3' has 50% of its data, below the threshold 60%"
    ):
        aggregate(X, W, threshold=0.6, element="P1", units=["u1", "u2", "u3"])
    out = aggregate(X, W, threshold=0.6, on_insufficient="missing")
    assert np.isnan(out[2]) and not np.isnan(out[0])


def test_ranks_put_the_highest_first_and_ties_share_the_best_rank():
    np.testing.assert_allclose(rank_desc(np.array([3.0, 5.0, 3.0, 1.0])), [2, 1, 2, 4])
