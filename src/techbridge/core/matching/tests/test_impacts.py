"""Cached per-term impacts score exactly like computing them afresh, and never outlive a change of the index."""

import numpy as np
import pytest

from techbridge.core.matching import MatchDocument, MatchIndex
from techbridge.core.matching import impacts as impacts_module
from techbridge.core.matching.bm25 import K1
from techbridge.core.matching.scoring import forward_scores, query_bag


def words(text: str, lang: str | None = None) -> list[str]:
    return text.lower().split()


def _index(n: int = 40) -> MatchIndex:
    index = MatchIndex(analyzer=words)
    for i in range(n):
        index.add(
            MatchDocument(
                f"p{i}",
                title=f"battery w{i % 7}",
                summary=f"storage cell w{i % 5} w{i % 3}",
                text=" ".join(f"w{(i * j) % 11}" for j in range(1, 4 + i % 6)),
            )
        )
    return index


def _fresh_scores(index: MatchIndex, query: MatchDocument) -> np.ndarray:
    """The forward score as the formula states it, field by field, with no cache involved."""
    qbag = query_bag(index, query)
    total = sum(index.field_weights.values())
    scores = np.zeros(len(index._docs))
    n = len(index)
    for name, postings in index._fields.items():
        for term, weight in qbag.weights.items():
            slots, tfs = postings.postings(term)
            tfs = tfs.astype(np.float64)
            if len(slots):
                share = index.field_weights[name] / total
                idf = postings.idf(term, n)
                scores[slots] += weight * share * idf * tfs * (K1 + 1) / (tfs + postings.norms(n)[slots])
    return scores / qbag.ideal


def test_cached_scores_are_bit_identical_and_match_the_formula() -> None:
    index = _index()
    query = MatchDocument("q", title="battery storage", text="w1 w2 w3 cell")
    first = forward_scores(index, query_bag(index, query))  # first query after the build: nothing kept
    assert len(index._impacts) == 0
    second = forward_scores(index, query_bag(index, query))  # fills the cache
    assert len(index._impacts) == 6  # battery, storage, w1, w2, w3, cell
    third = forward_scores(index, query_bag(index, query))  # read from the cache
    assert np.array_equal(first, second) and np.array_equal(second, third)
    assert np.allclose(first, _fresh_scores(index, query), rtol=1e-12, atol=0)
    assert first[index._slot_of["p1"]] > 0


def test_a_change_of_the_index_drops_every_cached_impact() -> None:
    index = _index()
    query = MatchDocument("q", title="battery storage", text="w1 w2 w3 cell")
    for _ in range(2):
        forward_scores(index, query_bag(index, query))
    index.add(MatchDocument("new", title="battery battery battery", text="w1"))  # IDF and lengths change
    after = forward_scores(index, query_bag(index, query))
    assert len(index._impacts) == 0
    rebuilt = _index()
    rebuilt.add(MatchDocument("new", title="battery battery battery", text="w1"))
    expected = forward_scores(rebuilt, query_bag(rebuilt, query))
    assert np.array_equal(after, expected)
    index.remove("p3")
    forward_scores(index, query_bag(index, query))
    assert forward_scores(index, query_bag(index, query))[index._slot_of.get("p3", 3)] == 0.0  # a tombstone


@pytest.mark.parametrize("dense_share", [1, 10**9])  # always sort / always the dense array
def test_both_ways_of_summing_the_fields_give_the_same_bits(monkeypatch, dense_share) -> None:
    index = _index()
    query = MatchDocument("q", title="battery storage", text="w1 w2 w3 w4 cell")
    reference = forward_scores(index, query_bag(index, query))
    monkeypatch.setattr(impacts_module, "DENSE_SHARE", dense_share)
    index._impacts.clear()
    assert np.array_equal(forward_scores(index, query_bag(index, query)), reference)


def test_the_budget_bounds_what_is_held_and_the_oldest_terms_go_first() -> None:
    index = _index()
    index._impacts.budget = 60  # postings
    query = MatchDocument("q", title="battery storage", text="w1 w2 w3 cell")
    reference = forward_scores(index, query_bag(index, query))
    for _ in range(3):
        assert np.array_equal(forward_scores(index, query_bag(index, query)), reference)
        assert 0 < index._impacts.size <= 60
    held = list(index._impacts._terms)
    forward_scores(index, query_bag(index, MatchDocument("q2", text="w9 w10")))
    assert list(index._impacts._terms)[-2:] != held[-2:]  # the new terms came in last
    assert index._impacts.size <= 60
