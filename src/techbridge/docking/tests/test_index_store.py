"""The match indexes on disk: bases, journals of changes, and processes catching up with each other."""

from __future__ import annotations

from techbridge.core.matching import MatchDocument, MatchIndex
from techbridge.docking import engine, index_store
from techbridge.docking.index_store import IndexStore, add_entry, remove_entry, replay


def _words(text: str, lang: str | None = None) -> list[str]:
    return text.lower().split()


def _index(*docs: MatchDocument) -> MatchIndex:
    index = MatchIndex(analyzer=_words)
    for doc in docs:
        index.add(doc)
    return index


def test_a_base_is_current_once_written_and_loads_back(tmp_path):
    store = IndexStore(tmp_path / "profiles")
    assert store.current() is None
    version = store.save_base(_index(MatchDocument("a", text="graphene ink")), "state-1")
    assert store.current() == version and store.text_state(version) == "state-1"
    assert store.load(version, _words).ids == ["a"]


def test_a_journal_gives_only_complete_lines_and_resumes_where_it_stopped(tmp_path):
    store = IndexStore(tmp_path / "profiles")
    version = store.save_base(_index(), "")
    end = store.append(version, add_entry(MatchDocument("a", text="graphene ink")))
    with store.journal(version).open("ab") as f:
        f.write(b'{"op": "remove", "id"')  # a writer in the middle of its line
    entries, offset = store.read_journal(version, 0)
    assert [e["op"] for e in entries] == ["add"] and offset == end
    with store.journal(version).open("ab") as f:
        f.write(b': "a"}\n')
    entries, offset = store.read_journal(version, offset)
    assert entries == [{"op": "remove", "id": "a"}] and offset == store.journal_size(version)
    index = _index()
    replay(index, store.read_journal(version, 0)[0])
    assert len(index) == 0  # added, then removed


def test_only_the_current_and_the_previous_base_are_kept(tmp_path):
    store = IndexStore(tmp_path / "profiles")
    first = store.save_base(_index(), "")
    store.append(first, remove_entry("x"))
    second = store.save_base(_index(), "")
    third = store.save_base(_index(), "")
    assert sorted(p.name for p in store.root.glob("v*") if p.is_dir()) == sorted([second, third])
    assert not store.journal(first).exists()


def test_an_index_saved_by_the_previous_version_is_adopted_as_a_base(tmp_path):
    root = tmp_path / "profiles"
    _index(MatchDocument("a", text="graphene ink")).save(root)
    (root / "VERSION").write_text("1765000000.0")
    store = IndexStore(root)
    store.adopt_legacy()
    version = store.current()
    assert version is not None and store.load(version, _words).ids == ["a"]
    assert not (root / "manifest.json").exists() and not (root / "VERSION").exists()


def _publish(world, reference: str, title: str):
    from techbridge.marketplace.models import Profile

    return Profile.objects.create(
        reference=reference, kind="offer", organisation=world["orgs"]["polish"], language="en",
        title=title, summary=title, status="published", trl=6,
    )  # fmt: skip


def test_a_change_is_journaled_and_another_process_catches_up_without_a_new_base(world):
    engine.get_index("profiles")
    store = engine._store("profiles")
    base = store.current()
    other = store.load(base, engine.analyzer().analyze)  # what another serving process holds

    profile = _publish(world, "TOPL20260101050", "Cryogenic hydrogen tank")
    engine.profile_changed(profile)
    assert store.current() == base  # one journal line, not a new full base
    assert store.read_journal(base, 0)[0] == [add_entry(engine.profile_document(profile))]

    engine._cache["profiles"] = engine._Held(other, base, 0)
    assert profile.reference in engine.get_index("profiles")  # caught up from the journal
    profile.status = "withdrawn"
    profile.save()
    engine.profile_changed(profile)
    engine._cache["profiles"] = engine._Held(store.load(base, engine.analyzer().analyze), base, 0)
    assert profile.reference not in engine.get_index("profiles")


def test_a_long_journal_is_folded_into_a_new_base(world, monkeypatch):
    monkeypatch.setattr(engine, "COMPACT_AFTER", 2)
    engine.get_index("profiles")
    store = engine._store("profiles")
    base = store.current()
    first = _publish(world, "TOPL20260101051", "Heat pump controller")
    engine.profile_changed(first)
    assert store.current() == base
    engine.profile_changed(_publish(world, "TOPL20260101052", "Fuel cell stack"))
    assert store.current() != base and store.journal_size(store.current()) == 0
    fresh = store.load(store.current(), engine.analyzer().analyze)
    assert {"TOPL20260101051", "TOPL20260101052"} <= set(fresh.ids)
    assert index_store.KEEP_BASES == 2


def test_a_damaged_base_is_rebuilt_from_the_database(world):
    engine.get_index("profiles")
    store = engine._store("profiles")
    damaged = store.current()
    (store.base(damaged) / "bags.npz").write_bytes(b"not a zip file")
    engine.reset()  # a process starting now
    assert world["published"].reference in engine.get_index("profiles")
    assert store.current() != damaged


def test_a_base_analysed_by_an_older_version_of_the_code_is_rebuilt(world, monkeypatch):
    """An upgrade that changes how texts become terms (ANALYSIS_VERSION) must not serve the old terms: queries
    are analysed by the new code. Lexicon or glossary changes only renew the analyzer (a re-index job runs)."""
    engine.get_index("profiles")
    store = engine._store("profiles")
    old = store.current()
    state = store.text_state(old)
    assert state.startswith(f"a{engine.ANALYSIS_VERSION}:")
    (store.base(old) / "TEXT_STATE").write_text(
        state.split(":", 1)[1]
    )  # as the code before versions wrote it
    engine.reset()  # a process of the new version starting
    assert world["published"].reference in engine.get_index("profiles")
    rebuilt = store.current()
    assert rebuilt != old and store.text_state(rebuilt) == state
    engine.reset()  # the next process loads the rebuilt base
    engine.get_index("profiles")
    assert store.current() == rebuilt
    monkeypatch.setattr(engine, "ANALYSIS_VERSION", engine.ANALYSIS_VERSION + 1)
    engine.reset()
    engine.get_index("profiles")
    assert store.current() != rebuilt


def test_a_built_base_carries_the_calibration_of_questions(world, monkeypatch):
    """Idea searches are calibrated on a background of questions; it is computed when the index is built and
    saved with the base, so a serving process that loads the base does not compute it on its first search."""
    from techbridge.core.matching import scoring

    engine.get_index("profiles")
    held = engine.get_index("profiles")._one_sided_calibrator
    assert held is not None and held[0] == len(engine.get_index("profiles"))
    engine.reset()  # a process starting now loads the base

    def computed_again(*args, **kwargs):
        raise AssertionError("the calibration of questions was computed again")

    monkeypatch.setattr(scoring, "background_raws", computed_again)
    loaded = engine.get_index("profiles")
    assert loaded._one_sided_calibrator is not None
    assert (loaded._one_sided_calibrator[1].a_, loaded._one_sided_calibrator[1].b_) == (
        held[1].a_,
        held[1].b_,
    )
    question = MatchDocument("q", text=world["published"].title)
    found = engine.search("profiles", question, top=3, filters={}, one_sided=True)  # no second computation
    assert world["published"].reference in [m.id for m in found]
