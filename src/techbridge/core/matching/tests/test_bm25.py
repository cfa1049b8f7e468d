import math

import numpy as np
import pytest

from techbridge.core.matching import MatchDocument, MatchIndex
from techbridge.core.matching.bm25 import FieldPostings


def three_docs() -> FieldPostings:
    # terms: a=0, b=1, c=2; d0 = "a b", d1 = "a c c", d2 = "b"
    postings = FieldPostings()
    postings.ensure_terms(3)
    postings.add(0, {0: 1, 1: 1})
    postings.add(1, {0: 1, 2: 2})
    postings.add(2, {1: 1})
    return postings


def test_bm25_matches_hand_computed_values_on_three_documents():
    postings = three_docs()
    scores = np.zeros(3)
    postings.score_into(scores, {2: 1.0}, n_docs=3, weight=1.0)
    # idf(c) = ln(1 + 2.5/1.5); avgdl = 2; d1: 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2))
    assert scores == pytest.approx([0.0, math.log(1 + 2.5 / 1.5) * 4.4 / 3.65, 0.0])
    scores = np.zeros(3)
    postings.score_into(scores, {0: 1.0}, n_docs=3, weight=1.0)
    idf_a = math.log(1.6)
    assert scores == pytest.approx([idf_a * 1.0, idf_a * 2.2 / 2.65, 0.0])


def test_a_removed_document_no_longer_scores_or_counts():
    postings = three_docs()
    postings.remove(1, [0, 2])
    assert postings.df[2] == 0 and postings.df[0] == 1
    scores = np.zeros(3)
    postings.score_into(scores, {0: 1.0}, n_docs=2, weight=1.0)
    assert scores[1] == 0.0 and scores[0] > 0


def test_a_title_hit_outweighs_the_same_hit_in_the_description(analyzer):
    index = MatchIndex(analyzer=analyzer)
    index.add(MatchDocument("in-title", title="graphene", text="coating for metal parts"))
    index.add(MatchDocument("in-text", title="coating", text="graphene for metal parts"))
    index.add(MatchDocument("other", title="water", text="membrane filter"))
    ids, scores = index.text_scores(MatchDocument("q", text="graphene"))
    by_id = dict(zip(ids, scores, strict=True))
    assert by_id["in-title"] > by_id["in-text"] > by_id["other"] == 0.0


def test_field_weights_are_parameters(analyzer):
    index = MatchIndex(
        analyzer=analyzer, field_weights={"title": 1.0, "keywords": 1.0, "summary": 1.0, "description": 5.0}
    )
    index.add(MatchDocument("in-title", title="graphene", text="coating for metal parts"))
    index.add(MatchDocument("in-text", title="coating", text="graphene for metal parts"))
    ids, scores = index.text_scores(MatchDocument("q", text="graphene"))
    by_id = dict(zip(ids, scores, strict=True))
    assert by_id["in-text"] > by_id["in-title"]
