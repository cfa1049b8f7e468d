import math

import pytest

from techbridge.core.matching import ndcg_at, recall_at, reciprocal_rank

RANKED = ["a", "x", "b", "y", "c"]
RELEVANT = {"a", "b", "z"}


def test_recall_counts_the_relevant_found_in_the_first_k():
    assert recall_at(RANKED, RELEVANT, 1) == pytest.approx(1 / 3)
    assert recall_at(RANKED, RELEVANT, 3) == pytest.approx(2 / 3)
    assert recall_at(RANKED, set(), 3) == 0.0


def test_ndcg_uses_binary_gains_and_the_ideal_ordering():
    dcg = 1 + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(RANKED, RELEVANT, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at(["a", "b"], {"a", "b"}, 10) == pytest.approx(1.0)
    assert ndcg_at(RANKED, RELEVANT, 1) == pytest.approx(1.0)


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(RANKED, {"b"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(RANKED, {"q"}) == 0.0
