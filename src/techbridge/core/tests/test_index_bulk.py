"""Bulk indexing of the docking engine: buffered BM25 postings give exactly what appending each
posting gives, and an index built in bulk searches, saves and loads like one built one by one."""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from techbridge.core.matching import MatchDocument, MatchIndex
from techbridge.core.matching.bm25 import K1, B, FieldPostings


def words(text: str, lang: str | None = None) -> list[str]:
    return re.findall(r"[a-z0-9:.]+", text.lower())


def _random_docs(n: int, n_terms: int, seed: int) -> list[dict[int, float]]:
    rng = random.Random(seed)
    return [
        {t: float(rng.randint(1, 4)) for t in rng.sample(range(n_terms), rng.randint(1, 12))}
        for _ in range(n)
    ]


def _reference(docs: list[dict[int, float]], removed: set[int], n_terms: int):  # type: ignore[no-untyped-def]
    """Postings as plain lists, built the obvious way."""
    slots: list[list[int]] = [[] for _ in range(n_terms)]
    tfs: list[list[float]] = [[] for _ in range(n_terms)]
    df = [0] * n_terms
    for slot, counts in enumerate(docs):
        for term, tf in counts.items():
            slots[term].append(slot)
            tfs[term].append(tf)
            if slot not in removed:
                df[term] += 1
    return slots, tfs, df


@pytest.mark.parametrize("flush_at", [FieldPostings.FLUSH_AT, 300, 1])
def test_buffered_postings_equal_appending_each_posting(flush_at: int) -> None:
    n_terms = 50
    docs = _random_docs(400, n_terms, seed=7)
    postings = FieldPostings()
    postings.FLUSH_AT = flush_at
    removed: set[int] = set()
    for slot, counts in enumerate(docs):
        postings.ensure_terms(n_terms)
        postings.add(slot, counts)
        if slot in (3, 150):  # reads in between merge what is pending (small and large batches)
            assert postings.df[0] >= 0
        if slot % 97 == 5:
            postings.remove(slot, list(counts))
            removed.add(slot)
    slots, tfs, df = _reference(docs, removed, n_terms)
    assert [list(a) for a in postings.slots] == slots
    assert [list(a) for a in postings.tfs] == tfs
    assert list(postings.df) == df
    assert postings.total_length == sum(sum(c.values()) for s, c in enumerate(docs) if s not in removed)


def test_bm25_after_a_bulk_merge_matches_the_formula() -> None:
    n_terms = 20
    docs = _random_docs(600, n_terms, seed=3)  # over 256 postings pending: the numpy merge
    postings = FieldPostings()
    postings.ensure_terms(n_terms)
    for slot, counts in enumerate(docs):
        postings.add(slot, counts)
    scores = np.zeros(len(docs))
    postings.score_into(scores, {5: 1.0, 11: 2.0}, n_docs=len(docs), weight=1.5)
    avgdl = sum(sum(c.values()) for c in docs) / len(docs)
    for slot, counts in enumerate(docs):
        expected = 0.0
        for term, qweight in ((5, 1.0), (11, 2.0)):
            df = sum(1 for c in docs if term in c)
            idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
            tf = counts.get(term, 0.0)
            norm = K1 * (1 - B + B * sum(counts.values()) / avgdl)
            expected += 1.5 * qweight * idf * tf * (K1 + 1) / (tf + norm)
        assert scores[slot] == pytest.approx(expected, rel=1e-5)


def _profiles() -> list[MatchDocument]:
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(300)] + ["tax:energy.pv", "tax:water"]
    docs = []
    for i in range(700):
        text = " ".join(rng.choices(vocab, k=40))
        docs.append(
            MatchDocument(
                id=f"p{i}",
                title=" ".join(rng.choices(vocab, k=5)),
                text=text,
                kind=rng.choice(["offer", "request"]),
                concepts=("water",) if i % 50 == 0 else (),
            )
        )
    return docs


def test_an_index_built_in_bulk_searches_like_one_built_one_by_one(tmp_path: Path) -> None:
    docs = _profiles()
    one_by_one = MatchIndex(analyzer=words)
    for doc in docs:
        one_by_one.add(doc)
        if doc.id == "p10":
            one_by_one.search(docs[0])  # a read in the middle merges the pending postings
    bulk = MatchIndex(analyzer=words)
    assert bulk.add_many(docs) == len(docs)
    bulk.remove("p3")
    one_by_one.remove("p3")
    bulk.add(docs[3])  # updated again after the bulk load
    one_by_one.add(docs[3])
    for query in docs[:5] + [MatchDocument("q", text="w1 w2 w3 tax:water")]:
        ids_a, scores_a = one_by_one.text_scores(query, two_sided=True)
        ids_b, scores_b = bulk.text_scores(query, two_sided=True)
        assert ids_a == ids_b and np.array_equal(scores_a, scores_b)
        found = [(m.id, m.score) for m in bulk.search(query, top=10)]
        assert found == [(m.id, m.score) for m in one_by_one.search(query, top=10)]
    bulk.save(tmp_path / "ix")
    loaded = MatchIndex.load(tmp_path / "ix", analyzer=words)
    query = docs[1]
    assert [(m.id, m.score) for m in loaded.search(query, top=10)] == [
        (m.id, m.score) for m in bulk.search(query, top=10)
    ]


def test_concepts_of_a_profile_come_from_its_terms_and_its_own_concepts() -> None:
    index = MatchIndex(analyzer=words)
    index.add(MatchDocument("a", title="pump tax:water", text="tax:energy.pv pump", concepts=("soil",)))
    index.add(MatchDocument("b", title="pump", text="pump"))
    slot_a, slot_b = index._slot_of["a"], index._slot_of["b"]
    assert index._concepts[slot_a] == frozenset({"tax:water", "tax:energy.pv", "tax:soil"})
    assert index._concepts[slot_b] == frozenset()
    # a field the index does not count (weights without "description") still lends its concepts
    narrow = MatchIndex(analyzer=words, field_weights={"title": 3.0})
    narrow.add_analyzed(
        MatchDocument("c", title="pump"),
        {"title": Counter(["pump"]), "description": Counter(["tax:water", "valve"])},
    )
    assert narrow._concepts[0] == frozenset({"tax:water"})


def test_forked_analysis_workers_read_the_lexicon_store_on_their_own_connection(tmp_path: Path) -> None:
    """add_many(workers=2) with store-backed lexicons: same index as one process, no shared SQLite handle."""
    import multiprocessing

    from techbridge.core.text.analysis import Analyzer
    from techbridge.core.text.lexicon import Lexicon
    from techbridge.core.text.library import load_lexicons
    from techbridge.core.text.store import LexiconStore

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    lexicon = Lexicon("pl", "test")
    for word, gloss in {"ogniwo": "cell", "słoneczny": "solar", "woda": "water", "pompa": "pump"}.items():
        lexicon.add(word, gloss)
    store = LexiconStore(tmp_path / "lexicons.sqlite3")
    store.add(lexicon)
    analyzer = Analyzer(lexicons=load_lexicons(tmp_path, cedict=False))
    global _FORKED_STORE
    _FORKED_STORE = store  # inherited by the forked worker (a store does not pickle)
    parent_db = store._db()
    with multiprocessing.get_context("fork").Pool(1) as pool:
        child_gloss, shared = pool.apply(_child_lookup, (id(parent_db),))
    assert child_gloss == "cell" and not shared
    rng = random.Random(5)
    vocabulary = ["ogniwo", "ogniwa", "słoneczne", "woda", "wody", "pompa", "Tomasz", "2024"]
    docs = [
        MatchDocument(
            f"d{i}",
            title=" ".join(rng.choices(vocabulary, k=3)),
            text=" ".join(rng.choices(vocabulary, k=12)),
            lang="pl",
        )
        for i in range(450)
    ]
    single, forked = MatchIndex(analyzer=analyzer.analyze), MatchIndex(analyzer=analyzer.analyze)
    single.add_many(docs)
    assert forked.add_many(docs, workers=2, chunk_size=50) == len(docs)
    query = MatchDocument("q", text="ogniwa słoneczne i woda", lang="pl")
    ids_a, scores_a = single.text_scores(query)
    ids_b, scores_b = forked.text_scores(query)
    assert ids_a == ids_b and np.array_equal(scores_a, scores_b) and scores_a.max() > 0


_FORKED_STORE = None


def _child_lookup(parent_db_id: int) -> tuple[str | None, bool]:
    store = _FORKED_STORE
    assert store is not None
    return store.get("pl", "ogniwo"), id(store._db()) == parent_db_id
