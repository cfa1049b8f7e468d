"""Copeland and Borda merges of method rankings, checked by hand."""

import numpy as np
import pytest

from techbridge.core.decision import (
    DecisionInputError,
    Ranking,
    borda_scores,
    compromise_ranking,
    copeland_scores,
)

SITES = ("A", "B", "C")


def ranking(method, ranks, sites=SITES):
    return Ranking(method, sites, -np.array(ranks, dtype=float), np.array(ranks))


def test_copeland_follows_pairwise_majorities():
    # A>B>C, B>C>A, A>C>B: A beats B (2:1) and C (2:1); B beats C (2:1)
    rs = [ranking("m1", [1, 2, 3]), ranking("m2", [3, 1, 2]), ranking("m3", [1, 3, 2])]
    assert copeland_scores(rs).tolist() == [2, 0, -2]
    assert borda_scores(rs).tolist() == [4, 3, 2]
    merged = compromise_ranking(rs)
    assert merged.order == ("A", "B", "C") and merged.method == "copeland"


def test_a_condorcet_cycle_is_a_three_way_tie():
    rs = [ranking("m1", [1, 2, 3]), ranking("m2", [3, 1, 2]), ranking("m3", [2, 3, 1])]
    assert copeland_scores(rs).tolist() == [0, 0, 0]
    assert compromise_ranking(rs).ranks.tolist() == [1, 1, 1]


def test_copeland_ties_are_broken_by_borda():
    # A>B>C>D, B>C>D>A, C>A>B>D: A beats B, B beats C, C beats A (a cycle), all beat D -> Copeland 1, 1, 1, -3.
    # Borda (4 - rank): A 3+0+2 = 5, B 2+3+1 = 6, C 1+2+3 = 6, D 0+1+0 = 1 -> B and C share first, then A, D.
    four = ("A", "B", "C", "D")
    rs = [
        ranking("m1", [1, 2, 3, 4], four),
        ranking("m2", [4, 1, 2, 3], four),
        ranking("m3", [2, 3, 1, 4], four),
    ]
    assert copeland_scores(rs).tolist() == [1, 1, 1, -3]
    merged = compromise_ranking(rs)
    assert merged.details["borda"].tolist() == [5, 6, 6, 1]
    assert merged.ranks.tolist() == [3, 1, 1, 4]
    assert merged.order == ("B", "C", "A", "D")


def test_borda_rule():
    rs = [ranking("m1", [1, 2, 3]), ranking("m2", [3, 1, 2])]
    assert compromise_ranking(rs, rule="borda").scores.tolist() == [2, 3, 1]


def test_it_rejects_rankings_of_different_sites():
    with pytest.raises(DecisionInputError, match="different sites"):
        compromise_ranking([ranking("m1", [1, 2, 3]), ranking("m2", [1, 2, 3], ("A", "B", "D"))])
    with pytest.raises(DecisionInputError, match="unknown compromise rule"):
        compromise_ranking([ranking("m1", [1, 2, 3])], rule="kemeny")
