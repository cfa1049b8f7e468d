import numpy as np
import pytest

from techbridge.core.matching import MatchDocument, MatchIndex, MatchingError

DOCS = [
    MatchDocument("a", title="Battery recycling", text="lithium recovery from spent cells", kind="offer"),
    MatchDocument("b", title="Solar robot", text="cleaning photovoltaic panels with a robot", kind="offer"),
    MatchDocument("c", title="Battery sensor", text="state of health of battery packs", kind="request"),
    MatchDocument("d", title="Water filter", text="membrane for drinking water", kind="offer"),
]
QUERY = MatchDocument("q", text="battery lithium robot water membrane", kind="request")


def _scores(index: MatchIndex) -> dict[str, float]:
    return {m.id: round(m.raw, 9) for m in index.search(QUERY, top=10)}


def test_incremental_add_update_remove_equals_a_rebuild(analyzer):
    incremental = MatchIndex(analyzer=analyzer)
    for doc in DOCS:
        incremental.add(doc)
    incremental.add(MatchDocument("b", title="Water robot", text="robot for water pipes", kind="offer"))
    incremental.remove("d")
    incremental.add(MatchDocument("e", title="Lithium mining", text="lithium brine extraction", kind="offer"))
    rebuilt = MatchIndex(analyzer=analyzer)
    for doc in [
        DOCS[0],
        MatchDocument("b", title="Water robot", text="robot for water pipes", kind="offer"),
        DOCS[2],
        MatchDocument("e", title="Lithium mining", text="lithium brine extraction", kind="offer"),
    ]:
        rebuilt.add(doc)
    assert sorted(incremental.ids) == sorted(rebuilt.ids)
    assert _scores(incremental) == _scores(rebuilt)


def test_it_saves_and_loads_an_index_with_the_same_results(analyzer, tmp_path):
    index = MatchIndex(analyzer=analyzer)
    for doc in DOCS:
        index.add(doc)
    index.remove("b")
    index.refresh_hubness()
    index.save(tmp_path / "ix")
    loaded = MatchIndex.load(tmp_path / "ix", analyzer=analyzer)
    assert loaded.ids == index.ids
    assert loaded.get("c") == DOCS[2]
    assert _scores(loaded) == _scores(index)
    loaded.add(MatchDocument("f", title="Battery lithium", text="lithium battery", kind="offer"))
    assert "f" in _scores(loaded)


def _tagged(text: str, lang: str | None = None) -> list[str]:
    """Each word with the language it was analysed in."""
    return [f"{lang}:{w}" for w in text.lower().split()]


def test_a_translation_is_analysed_in_its_own_language_into_title_and_summary(tmp_path):
    doc = MatchDocument(
        "p1",
        title="Zbiornik wodoru",
        summary="Dla ciężarówek",
        text="Opis",
        lang="pl",
        translations=(("en", "Hydrogen tank", "For trucks"), ("cs", "Nádrž", "")),
    )
    index = MatchIndex(analyzer=_tagged)
    fields = index.analyze(doc)
    # before, the translations were joined into the title and read as Polish: "en:hydrogen" never existed
    assert sorted(fields["title"]) == ["cs:nádrž", "en:hydrogen", "en:tank", "pl:wodoru", "pl:zbiornik"]
    assert sorted(fields["summary"]) == ["en:for", "en:trucks", "pl:ciężarówek", "pl:dla"]
    assert list(fields["description"]) == ["pl:opis"]
    index.add(doc)
    assert [m.id for m in index.search(MatchDocument("q", text="tank", lang="en"), top=3, filters={})] == [
        "p1"
    ]
    index.save(tmp_path / "ix")
    assert MatchIndex.load(tmp_path / "ix", analyzer=_tagged).get("p1") == doc  # kept as tuples


def test_translations_are_read_from_json_and_checked():
    read = MatchDocument.from_dict(
        {"id": 7, "title": "x", "translations": [["en", "Tank", ""], {"lang": "zh", "title": "储罐"}]}
    )
    assert read.translations == (("en", "Tank", ""), ("zh", "储罐", ""))
    assert MatchDocument("only", translations=((None, "Tank", ""),)).is_empty() is False
    with pytest.raises(MatchingError, match="document 7: translations must be a list"):
        MatchDocument.from_dict({"id": 7, "translations": "en: Tank"})
    with pytest.raises(
        MatchingError, match=r"document 7: a translation must be \[language, title, summary\]"
    ):
        MatchDocument.from_dict({"id": 7, "translations": [["en", "Tank"]]})
    with pytest.raises(MatchingError, match="document 8: a translation must be"):
        MatchDocument("8", translations=(("en", 3, ""),))  # type: ignore[arg-type]


def test_it_refuses_a_directory_that_is_no_index(tmp_path):
    with pytest.raises(MatchingError, match="manifest.json"):
        MatchIndex.load(tmp_path)


def test_removing_an_unknown_id_raises_key_error(small_index):
    with pytest.raises(KeyError):
        small_index.remove("nope")


def test_it_rejects_an_empty_query(small_index):
    with pytest.raises(MatchingError, match="query q: no text"):
        small_index.search(MatchDocument("q", text="  "))


def test_it_rejects_an_oversized_query(analyzer):
    index = MatchIndex(analyzer=analyzer, max_query_chars=10)
    index.add(DOCS[0])
    with pytest.raises(MatchingError, match="limit 10"):
        index.search(MatchDocument("q", text="battery " * 5))
    with pytest.raises(MatchingError, match="14 characters, limit 10"):  # a translation counts too
        index.search(MatchDocument("q", text="battery", translations=(("pl", "bateria", ""),)))


def test_it_rejects_a_bad_kind_and_trl():
    with pytest.raises(MatchingError, match="kind"):
        MatchDocument("x", text="t", kind="gift")
    with pytest.raises(MatchingError, match="trl must be"):
        MatchDocument("x", text="t", trl=12)


def test_hubness_demotes_a_profile_that_is_near_everything(analyzer):
    index = MatchIndex(analyzer=analyzer, hubness_weight=1.0)
    hub = MatchDocument("hub", text="battery solar water robot sensor lithium membrane panel")
    index.add(hub)
    topics = ["battery lithium cell", "solar panel", "water membrane", "robot arm", "sensor chip"]
    for i, topic in enumerate(topics * 3):
        index.add(MatchDocument(f"d{i}", text=f"{topic} item{i}"))
    index.refresh_hubness(n_probes=20)
    hub_value = index._hub[index._slot_of["hub"]]
    others = [index._hub[index._slot_of[f"d{i}"]] for i in range(15)]
    assert hub_value > np.mean(others)


def test_an_indexed_document_without_text_is_never_a_probe(analyzer):
    """The hubness and background samples ask indexed documents as queries; one without text cannot be asked
    (it used to raise "no text" out of refresh_hubness): it is left out of the sample, nothing else changes."""
    from techbridge.core.matching.scoring import background_raws

    texts = [
        "battery lithium cell",
        "battery lithium",
        "solar panel",
        "solar panel cell",
        "water",
        "battery solar",
    ]
    docs = [MatchDocument(f"d{i}", text=text) for i, text in enumerate(texts)]
    full, with_empty = MatchIndex(analyzer=analyzer), MatchIndex(analyzer=analyzer)
    for doc in docs:
        full.add(doc)
    with_empty.add(MatchDocument("blank", title=" "))
    for doc in docs:
        with_empty.add(doc)
    for index in (full, with_empty):
        index.refresh_hubness(n_probes=64)
    # the same probes rank the documents alike (the blank one changes only the statistics of the index a little)
    hubs = [np.array([index._hub[index._slot_of[d.id]] for d in docs]) for index in (full, with_empty)]
    assert np.ptp(hubs[0]) > 0.001
    assert list(np.argsort(hubs[1])) == list(np.argsort(hubs[0]))
    assert with_empty._hub[with_empty._slot_of["blank"]] == pytest.approx(
        hubs[1].min()
    )  # near nothing, as "water"
    # 6 probes with text, each against up to 6 other documents (the blank one among them for the other probes)
    assert background_raws(with_empty, n_candidates=64).shape == (6 * 6,)
    assert background_raws(with_empty, probes=[MatchDocument("q", title=" ")]).shape == (0,)
    only_blank = MatchIndex(analyzer=analyzer)
    only_blank.add(MatchDocument("b1", title=" "))
    only_blank.add(MatchDocument("b2", text=""))
    only_blank.refresh_hubness()
    assert list(only_blank._hub) == [0.0, 0.0]
    assert background_raws(only_blank).shape == (0,)


def test_add_many_with_worker_processes_equals_adding_one_by_one(analyzer):
    docs = DOCS * 1 + [MatchDocument(f"x{i}", text=f"battery item{i}") for i in range(30)]
    serial, parallel = MatchIndex(analyzer=analyzer), MatchIndex(analyzer=analyzer)
    assert serial.add_many(docs) == len(docs)
    assert parallel.add_many(docs, workers=2, chunk_size=7) == len(docs)
    assert parallel.ids == serial.ids
    assert _scores(parallel) == _scores(serial)
