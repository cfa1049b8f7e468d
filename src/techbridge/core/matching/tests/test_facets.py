import numpy as np
import pytest

from techbridge.core.matching import MatchDocument, MatchIndex
from techbridge.core.matching.scoring import _passes


@pytest.fixture
def index(analyzer):
    index = MatchIndex(analyzer=analyzer)
    specs = [
        ("o-pl", "offer", "PL", "pl"),
        ("o-cn", "offer", "CN", "zh"),
        ("r-pl", "request", "PL", "en"),
        ("r-cz", "request", "CZ", "cs"),
        ("p-cn", "partner_search", "CN", "zh"),
        ("b-hu", "business", "HU", "hu"),
        ("none", None, None, None),
    ]
    for doc_id, kind, country, lang in specs:
        index.add(MatchDocument(doc_id, text="graphene ink sensor", kind=kind, country=country, lang=lang))
    return index


FILTERS = [
    {"kinds": {"offer"}},
    {"compatible_kinds": True},
    {"countries": {"PL", "CZ"}},
    {"langs": {"zh"}},
    {"kinds": {"offer", "request"}, "countries": {"PL"}},
    {"compatible_kinds": True, "langs": {"en", "cs"}, "countries": {"CZ", "PL", "CN"}},
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("query_kind", ["offer", "request", "partner_search", None])
def test_the_mask_lets_through_exactly_the_documents_the_filters_pass(index, filters, query_kind):
    query = MatchDocument("q", text="graphene", kind=query_kind)
    mask = index._facets.mask(index, query, filters)
    expected = [_passes(index, query, doc, filters) for doc in index._docs]
    assert (mask.tolist() if mask is not None else [True] * len(expected)) == expected


def test_an_offer_query_with_compatible_kinds_keeps_requests_partner_searches_and_kindless_documents(index):
    query = MatchDocument("q", text="graphene", kind="offer")
    mask = index._facets.mask(index, query, {"compatible_kinds": True})
    assert [doc.id for doc, ok in zip(index._docs, mask, strict=True) if ok] == [
        "r-pl",
        "r-cz",
        "p-cn",
        "none",
    ]


def test_no_structured_filter_means_no_mask(index):
    assert (
        index._facets.mask(index, MatchDocument("q", text="x", kind="offer"), {"exclude": {"o-pl"}}) is None
    )


def test_the_codes_follow_additions_and_removals(index, analyzer):
    query = MatchDocument("q", text="graphene")
    assert np.flatnonzero(index._facets.mask(index, query, {"countries": {"SK"}})).tolist() == []
    index.add(MatchDocument("o-sk", text="graphene", kind="offer", country="SK"))
    index.remove("o-pl")
    assert [
        index._docs[s].id for s in np.flatnonzero(index._facets.mask(index, query, {"countries": {"SK"}}))
    ] == ["o-sk"]
    assert not index._facets.mask(index, query, {"countries": {"PL"}})[0]  # the removed slot


def test_a_selective_filter_still_fills_the_list_from_far_down_the_ranking(analyzer):
    """The only request is the weakest match of many offers: the mask finds it without a full scan."""
    index = MatchIndex(analyzer=analyzer)
    for i in range(450):
        index.add(MatchDocument(f"o{i:03d}", text="graphene ink sensor printed", kind="offer"))
    index.add(MatchDocument("r", text="graphene water", kind="request"))
    found = index.search(MatchDocument("q", text="graphene ink sensor printed", kind="offer"), top=5,
                         filters={"compatible_kinds": True})  # fmt: skip
    assert [m.id for m in found] == ["r"]
