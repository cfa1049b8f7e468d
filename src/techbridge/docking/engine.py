"""The docking engine inside the platform: one persisted match index of published profiles and one of
people, kept current incrementally, built on first use.

Profiles and people are turned into core MatchDocuments here (selector work); the core does the rest.
Several processes may serve the platform: each reloads the saved index when another one has saved a
newer version (a version stamp beside the index).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import threading
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from techbridge.core.matching import MatchDocument, MatchIndex, MatchingError
from techbridge.core.matching.scoring import adapt_calibration, one_sided_calibrator
from techbridge.core.text.analysis import ANALYSIS_VERSION, Analyzer
from techbridge.docking.index_store import COMPACT_AFTER, IndexStore, add_entry, remove_entry, replay
from techbridge.paths import data_dir

KIND_TO_CORE = {"offer": "offer", "request": "request", "rnd": "partner_search", "business": "business"}
_lock = threading.RLock()
_cache: dict[str, _Held] = {}
_index_state: dict[str, str] = {}  # the analyzer state each index was built with (saved beside it)
_analyzer: dict[str, Analyzer] = {}
_analyzer_state: dict[str, str] = {}  # the text_state() each analyzer was built with
PROBES = 64  # profiles sampled as queries for the people index's background similarity
_reranker: dict = {}  # folder -> model (the optional embedding re-ranker)


@dataclass
class _Held:
    """An index in memory: the base it was loaded from and how much of that base's journal it has applied."""

    index: MatchIndex
    version: str
    offset: int = 0


def index_dir(name: str) -> Path:
    return data_dir() / "index" / name


def _store(name: str) -> IndexStore:
    return IndexStore(index_dir(name))


def analyzer() -> Analyzer:
    """The text analyzer with the data directory's lexicons, the brokers' glossary and the taxonomy labels as
    shared concepts."""
    with _lock:
        if "default" not in _analyzer:
            from techbridge.core.text import library
            from techbridge.directory.models import TaxonomyTerm

            rows = _glossary_rows()
            glossary: dict[str, dict[str, str]] = {}
            for language, term, english in rows:
                glossary.setdefault(language, {})[term] = english
            taxonomy = {label: t.code for t in TaxonomyTerm.objects.all() for label in t.all_labels()}
            _analyzer_state["default"] = _state_of(rows)
            _analyzer["default"] = Analyzer(
                lexicons=library.load_lexicons(), taxonomy=taxonomy, glossary=glossary
            )
        return _analyzer["default"]


def _glossary_rows() -> list[tuple[str, str, str]]:
    from techbridge.docking.models import GlossaryEntry

    return list(GlossaryEntry.objects.order_by("language", "term").values_list("language", "term", "english"))


def _state_of(rows: list[tuple[str, str, str]]) -> str:
    from techbridge.core.text.lexicon import LexiconError
    from techbridge.core.text.library import open_store

    try:
        generation = open_store().version()
    except LexiconError:  # a damaged store: reported where the lexicons are loaded
        generation = -1
    digest = hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]
    return f"a{ANALYSIS_VERSION}:{generation}-{digest}"


def text_state() -> str:
    """What the analysis of texts depends on: the version of the analysis code, the generation of the lexicon
    store (changed by `techbridge lexicon add|remove`) and the glossary. An index is consistent with the analyzer
    of the same state."""
    return _state_of(_glossary_rows())


def _other_analysis(saved: str) -> bool:
    """A base analysed by another version of the code (states without a version are from version 1)."""
    version = saved.split(":", 1)[0] if saved.startswith("a") and ":" in saved else "a1"
    return version != f"a{ANALYSIS_VERSION}"


def _new_index() -> MatchIndex:
    return MatchIndex(analyzer=analyzer().analyze)


def profile_document(profile) -> MatchDocument:
    """A profile as the engine sees it: original text plus its translations (each read in its own language),
    taxonomy concepts."""
    from techbridge.marketplace.models import Language

    translations = tuple(  # a language the forms do not offer (set by hand) is detected, never a failed index
        (code if code in Language.values else None, t.get("title", ""), t.get("summary", ""))
        for code, t in sorted((profile.translations or {}).items())
    )
    terms = list(profile.technology_keywords.all()) + list(profile.market_keywords.all())
    trl = profile.trl if profile.kind == "offer" else None
    return MatchDocument(
        id=profile.reference,
        title=profile.title,
        summary=profile.summary,
        translations=tuple(t for t in translations if t[1] or t[2]),
        text=profile.description or "",
        keywords=tuple(t.label_en for t in terms),
        lang=profile.language or None,
        country=profile.organisation.country_id,
        kind=KIND_TO_CORE.get(profile.kind),
        trl=trl,
        trl_min=profile.trl if profile.kind == "request" else None,
        partnerships=tuple(profile.partnership_types or ()),
        target_countries=tuple(c.code for c in profile.target_countries.all()),
        concepts=tuple(t.code for t in terms),
    )


def person_document(person) -> MatchDocument:
    terms = list(person.expertise_terms.all())
    return MatchDocument(
        id=person.key,
        title=person.full_name,
        summary=" ".join(t.label_en for t in terms),
        text=person.expertise or "",
        keywords=tuple(t.label_en for t in terms),
        country=person.country_id,
        concepts=tuple(t.code for t in terms),
    )


def _build(name: str) -> MatchIndex:
    from techbridge.directory.models import Person
    from techbridge.marketplace.models import Profile

    if _analyzer and _analyzer_state.get("default") != text_state():
        _analyzer.clear()  # lexicons or glossary changed since the analyzer was made: build with the new ones
    index = _new_index()
    _index_state[name] = _analyzer_state["default"]
    if name == "profiles":
        rows = Profile.objects.filter(status="published").select_related("organisation")
        documents = (
            profile_document(p)
            for p in rows.prefetch_related("technology_keywords", "market_keywords", "target_countries")
        )
    else:
        rows = Person.objects.exclude(availability="unavailable").prefetch_related("expertise_terms")
        documents = (person_document(p) for p in rows)
    for doc in documents:
        if not doc.is_empty():
            index.add(doc)
    if len(index):
        index.refresh_hubness()
        if name == "profiles":
            from techbridge.docking.calibration import calibrate

            calibrate(index)
        else:  # experts are found for profiles: the background is profile -> person pairs
            profiles = get_index("profiles")
            sample = random.Random(0).sample(profiles.ids, min(PROBES, len(profiles)))
            adapt_calibration(index, probes=[profiles.get(i) for i in sample])
        # computed now and saved with the base, instead of by the first idea search of every serving process
        one_sided_calibrator(index)
    return index


def get_index(name: str = "profiles") -> MatchIndex:
    """The current index `name` ("profiles" or "people"): the base on disk with the changes journaled since
    (caught up on every call), loaded when another process wrote a newer base, or built."""
    with _lock:
        store = _store(name)
        held = _cache.get(name)
        if held is None:
            store.adopt_legacy()
        current = store.current()
        if held is not None and held.version == current:
            _catch_up(store, held)
            return held.index
        if current is not None and _other_analysis(store.text_state(current)):
            # its terms came from another version of the text analysis: queries would not meet them
            logging.getLogger("techbridge.docking").warning(
                "index %s: base %s was analysed by an older version; rebuilding", name, current
            )
        elif current is not None:
            try:
                return _load(name, store, current).index
            except (OSError, ValueError, KeyError, EOFError, BadZipFile, MatchingError):
                # a damaged base is rebuilt from the database (a database error is not a damaged base)
                logging.getLogger("techbridge.docking").warning("index %s: base %s unreadable", name, current)
        with store.writer_lock():
            latest = store.current()
            if latest not in (None, current) and not _other_analysis(store.text_state(latest)):
                # another process rebuilt it while this one waited for the lock
                return _load(name, store, latest).index
            index = _build(name)
            version = store.save_base(index, _index_state[name])
        _cache[name] = _Held(index, version)
        return index


def _load(name: str, store: IndexStore, version: str) -> _Held:
    saved = store.text_state(version)
    if saved and saved != _analyzer_state.get("default"):
        # built with other lexicons or another glossary (a re-index after a change, maybe by another
        # process): queries must be analysed the same way, so the analyzer is made anew
        _analyzer.clear()
    index = store.load(version, analyzer().analyze)
    _index_state[name] = saved or _analyzer_state["default"]
    held = _cache[name] = _Held(index, version)
    _catch_up(store, held)
    return held


def _catch_up(store: IndexStore, held: _Held) -> None:
    """Apply the journal lines another process appended since this one last looked (one stat when none)."""
    if store.journal_size(held.version) > held.offset:
        entries, held.offset = store.read_journal(held.version, held.offset)
        replay(held.index, entries)


def _current_under_lock(name: str, store: IndexStore) -> _Held:
    """With the writer lock held (after get_index): this process's index, made current with what other
    writers did."""
    held = _cache[name]
    current = store.current()
    if current is not None and current != held.version:
        held = _load(name, store, current)
    _catch_up(store, held)
    return held


def saved_text_state(name: str) -> str:
    """The lexicon and glossary state the current base of index `name` was analysed with ("" if none)."""
    store = _store(name)
    version = store.current()
    return store.text_state(version) if version else ""


def search(name: str, query: MatchDocument, *, top: int, filters: dict, one_sided: bool = False) -> list:
    """Search index `name`; the index is not thread-safe, so readers and writers take turns.

    With an embedding model folder configured (``TECHBRIDGE_EMBEDDING_MODEL_DIR``), the results are
    re-ranked by meaning as well (outside the lock: the model is thread-safe for encoding)."""
    model = reranker()
    with _lock:
        index = get_index(name)
        matches = index.search(query, top=top, filters=filters, one_sided=one_sided)
        if model is None or not matches:
            return matches
        texts = {m.id: " ".join(index.get(m.id).fields().values()) for m in matches}
        calibrator = index.calibrator
    return model.rerank(" ".join(query.fields().values()), matches, texts, calibrator)


def reranker():
    """The optional embedding re-ranker, loaded once; None when none is configured or it cannot load."""
    from techbridge.core.matching import EmbeddingReranker, RerankerUnavailable
    from techbridge.core.matching.rerank import MODEL_DIR_SETTING

    folder = os.environ.get(MODEL_DIR_SETTING, "")
    with _lock:
        if _reranker.get("folder") != folder:
            _reranker.update(folder=folder, model=None)
            if folder:
                try:
                    _reranker["model"] = EmbeddingReranker(folder).fit()
                except RerankerUnavailable as exc:  # the platform stays fully useful without it
                    logging.getLogger("techbridge.docking").warning("re-ranker not used: %s", exc)
        return _reranker["model"]


def rebuild(name: str = "profiles") -> int:
    """Rebuild an index from the database (after bulk imports or lexicon changes) as a new base."""
    with _lock:
        store = _store(name)
        with store.writer_lock():
            index = _build(name)
            version = store.save_base(index, _index_state[name])
        _cache[name] = _Held(index, version)
        return len(index)


def profile_changed(profile) -> None:
    """Keep the profile index current: published profiles are (re)indexed, others removed. The change is
    journaled for the other processes; a long journal is folded into a new base."""
    with _lock:
        get_index("profiles")  # built, if need be, before the writer lock is taken (it takes it itself)
        store = _store("profiles")
        with store.writer_lock():
            held = _current_under_lock("profiles", store)
            doc = profile_document(profile) if profile.status == "published" else None
            if doc is not None and not doc.is_empty():
                entry = add_entry(doc)
            elif profile.reference in held.index:
                entry = remove_entry(profile.reference)
            else:
                return
            replay(held.index, [entry])
            held.offset = store.append(held.version, entry)
            if store.journal_lines(held.version) >= COMPACT_AFTER:
                held.version, held.offset = store.save_base(held.index, _index_state["profiles"]), 0


def refit_calibration():
    """Refit the profile index's 0-100 score on decided interests; saves the index when it changed."""
    from techbridge.docking.calibration import refit

    with _lock:
        index = get_index("profiles")
    result = refit(index, guard=_lock)  # holds the lock per interest, not for the whole refit
    if result.fitted:
        with _lock:
            get_index("profiles")
            store = _store("profiles")
            with store.writer_lock():
                held = _current_under_lock("profiles", store)  # rebuilt meanwhile? it gets the curve too
                held.index.calibrator = index.calibrator
                held.version, held.offset = store.save_base(held.index, _index_state["profiles"]), 0
    return result


def reset() -> None:
    """Forget the in-memory indexes and analyzer (tests, after lexicon or taxonomy changes)."""
    with _lock:
        _cache.clear()
        _analyzer.clear()
        _analyzer_state.clear()
        _index_state.clear()
