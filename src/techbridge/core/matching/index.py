"""MatchIndex: a persistent, incrementally updated index of profiles with explained two-sided search.

See the package docstring for the scoring pipeline; this module keeps the documents and postings.
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from techbridge.core.matching.analyzers import Analyzer, Detector, default_analyzer, default_detector
from techbridge.core.matching.bm25 import FieldPostings
from techbridge.core.matching.calibration import LogisticCalibrator
from techbridge.core.matching.compatibility import CompatibilityRules
from techbridge.core.matching.documents import FIELD_WEIGHTS, Match, MatchDocument, MatchingError
from techbridge.core.matching.facets import Facets
from techbridge.core.matching.impacts import TermImpacts

CONCEPT_PREFIX = "tax:"
_WORKER_INDEX: MatchIndex | None = None  # the index whose analyzer forked workers use


def _analyze_batch(batch: list[MatchDocument]) -> list[dict[str, Counter[str]]]:
    assert _WORKER_INDEX is not None
    return [_WORKER_INDEX.analyze(doc) for doc in batch]


def _batches(docs: Iterable[MatchDocument], size: int) -> Iterator[list[MatchDocument]]:
    batch: list[MatchDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analysed_batches(
    batches: Iterator[list[MatchDocument]], pool: Any, workers: int
) -> Iterator[tuple[list[MatchDocument], list[dict[str, Counter[str]]]]]:
    """Each batch with its analysis, computed ahead by ``pool`` (order kept)."""
    pending: list[tuple[list[MatchDocument], Any]] = []
    for batch in batches:
        pending.append((batch, pool.apply_async(_analyze_batch, (batch,))))
        if len(pending) > 2 * workers:
            done, result = pending.pop(0)
            yield done, result.get()
    for done, result in pending:
        yield done, result.get()


class MatchIndex:
    """Fielded BM25 index of :class:`MatchDocument` with add / update / remove / search / save / load.

    ``analyzer(text, lang)`` turns text into pivot terms; ``detector(text)`` names the language of
    a document without ``lang`` (once for all its fields). Weights and rules are plain parameters.
    """

    def __init__(
        self,
        analyzer: Analyzer | None = None,
        detector: Detector | None = None,
        field_weights: Mapping[str, float] | None = None,
        rules: CompatibilityRules | None = None,
        calibrator: LogisticCalibrator | None = None,
        concept_weight: float = 0.3,
        prior_weight: float = 0.05,
        hubness_weight: float = 0.5,
        max_query_chars: int = 100_000,
    ) -> None:
        self.analyzer = analyzer
        self.detector = detector
        self.field_weights = dict(field_weights or FIELD_WEIGHTS)
        unknown = sorted(set(self.field_weights) - set(FIELD_WEIGHTS))
        if unknown:
            raise MatchingError(
                f"unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELD_WEIGHTS)}"
            )
        self.rules = rules or CompatibilityRules()
        self.calibrator = calibrator or LogisticCalibrator()
        # (documents when computed, calibration) for questions: scoring.one_sided_calibrator
        self._one_sided_calibrator: tuple[int, LogisticCalibrator] | None = None
        self.concept_weight = concept_weight
        self.prior_weight = prior_weight
        self.hubness_weight = hubness_weight
        self.max_query_chars = max_query_chars
        self._analyze: Analyzer | None = None
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._fields = {name: FieldPostings() for name in self.field_weights}
        self._slot_of: dict[str, int] = {}
        self._docs: list[MatchDocument | None] = []
        # per slot: sorted term ids and their frequency in each field (rows x fields)
        self._bags: list[tuple[np.ndarray, np.ndarray] | None] = []
        self._hub = array("d")  # CSLS-style hubness of each slot (zero-copy view in search)
        self._concepts: list[frozenset[str]] = []
        self._concept_ids: set[int] = set()  # vocabulary ids of concept tokens
        self._concepts_seen = 0  # vocabulary ids below this were checked for being concepts
        self._max_popularity = 0.0
        self._state = 0  # counts changes: scores cached for one state (``_impacts``) are stale after it
        self._impacts = TermImpacts()
        self._facets = Facets()

    # -- analysis ------------------------------------------------------------------------------
    def _analyzer(self) -> Analyzer:
        if self._analyze is None:
            self._analyze = self.analyzer or default_analyzer()
        return self._analyze

    def analyze(self, doc: MatchDocument) -> dict[str, Counter[str]]:
        """Pivot-term counts of each field of ``doc`` (language detected once when not given); its translations
        are analysed in their own languages and counted in the title and summary fields."""
        fields = doc.fields()
        lang = doc.lang or self._detected(" ".join(fields.values()))
        analyze = self._analyzer()
        counts = {
            name: Counter(analyze(text, lang)) if text.strip() else Counter() for name, text in fields.items()
        }
        for other, title, summary in doc.translations:
            other = other or self._detected(f"{title} {summary}")
            for name, text in (("title", title), ("summary", summary)):
                if text.strip():
                    counts[name].update(analyze(text, other))
        return counts

    def _detected(self, text: str) -> str | None:
        # the default analyzer comes with the default detector; an injected one may detect itself
        detector = self.detector or (default_detector() if self.analyzer is None else None)
        return detector(text) if detector is not None and text.strip() else None

    def _ids(self, counts: Counter[str], grow: bool) -> dict[int, float]:
        out: dict[int, float] = {}
        for term, n in counts.items():
            tid = self._vocab.get(term)
            if tid is None:
                if not grow:
                    continue
                tid = self._vocab[term] = len(self._terms)
                self._terms.append(term)
            out[tid] = float(n)
        return out

    # -- updates -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._slot_of

    @property
    def ids(self) -> list[str]:
        return list(self._slot_of)

    def get(self, doc_id: str) -> MatchDocument:
        slot = self._slot_of.get(doc_id)
        if slot is None:
            raise KeyError(doc_id)
        doc = self._docs[slot]
        assert doc is not None
        return doc

    def add(self, doc: MatchDocument) -> None:
        """Index ``doc``; a document with the same id is replaced (update = remove + add)."""
        self.add_analyzed(doc, self.analyze(doc))

    def add_analyzed(self, doc: MatchDocument, fields: Mapping[str, Counter[str]]) -> None:
        """Index ``doc`` with pre-computed field term counts (bulk loaders analyse in parallel)."""
        if doc.id in self._slot_of:
            self.remove(doc.id)
        self._state += 1
        slot = len(self._docs)
        vocab = self._vocab
        per_field: list[dict[int, float]] = []
        for name in self._fields:
            counts = fields.get(name)
            if not counts:
                per_field.append({})
                continue
            try:  # every term known already: the common case once the vocabulary has grown
                per_field.append({vocab[term]: n for term, n in counts.items()})
            except KeyError:
                per_field.append(self._ids(counts, grow=True))
        n_terms = len(self._terms)
        for postings, ids in zip(self._fields.values(), per_field, strict=True):
            postings.ensure_terms(n_terms)
            postings.add(slot, ids)
        union = sorted(set().union(*per_field))
        terms = np.array(union, dtype=np.int32)
        # term frequencies are counts: uint16 halves the memory of the largest per-profile structure
        field_tfs = np.zeros((len(terms), len(per_field)), dtype=np.uint16)
        sizes = [len(ids) for ids in per_field]
        total = sum(sizes)
        if total:
            keys = np.fromiter(chain.from_iterable(per_field), dtype=np.int32, count=total)
            values = np.fromiter(
                chain.from_iterable(ids.values() for ids in per_field), dtype=np.float64, count=total
            )
            rows = np.searchsorted(terms, keys)
            columns = np.repeat(np.arange(len(per_field)), sizes)
            field_tfs[rows, columns] = np.clip(np.rint(values), 1, 65535)
        self._docs.append(doc)
        self._bags.append((terms, field_tfs))
        self._concepts.append(self._doc_concepts(doc, fields, union))
        self._hub.append(0.0)  # refreshed by refresh_hubness(); a new profile starts uncorrected
        self._slot_of[doc.id] = slot
        self._max_popularity = max(self._max_popularity, doc.popularity)

    def _doc_concepts(
        self, doc: MatchDocument, fields: Mapping[str, Counter[str]], ids: list[int]
    ) -> frozenset[str]:
        """Concept tokens (``tax:<id>``) among the document's terms, plus its own concepts."""
        if not set(fields) <= set(self._fields):  # terms of fields the index does not keep count too
            found = {t for counts in fields.values() for t in counts if t.startswith(CONCEPT_PREFIX)}
        else:
            # the vocabulary remembers which of its terms are concepts: no string test per term
            for tid in range(self._concepts_seen, len(self._terms)):
                if self._terms[tid].startswith(CONCEPT_PREFIX):
                    self._concept_ids.add(tid)
            self._concepts_seen = len(self._terms)
            found = (
                {self._terms[tid] for tid in self._concept_ids.intersection(ids)}
                if self._concept_ids
                else set()
            )
        return frozenset(found | {CONCEPT_PREFIX + c for c in doc.concepts})

    def add_many(self, docs: Iterable[MatchDocument], workers: int = 1, chunk_size: int = 200) -> int:
        """Index ``docs`` (ids already present are replaced); returns how many were added.

        With ``workers`` > 1 the text analysis, the costly part, runs in forked worker processes
        while this process indexes the results in order (POSIX only; falls back to one process).
        """
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            count = 0
            for doc in docs:
                self.add(doc)
                count += 1
            self.flush()
            return count
        self._analyzer()  # load lexicons once, before forking, so the workers inherit them
        global _WORKER_INDEX
        _WORKER_INDEX = self
        batches = _batches(docs, chunk_size)
        count = 0
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for batch, analysed in _analysed_batches(batches, pool, workers):
                for doc, fields in zip(batch, analysed, strict=True):
                    self.add_analyzed(doc, fields)
                    count += 1
        _WORKER_INDEX = None
        self.flush()
        return count

    def flush(self) -> None:
        """Merge postings still pending from recent additions (searches and saves do it anyway)."""
        for postings in self._fields.values():
            postings.flush()

    def update(self, doc: MatchDocument) -> None:
        self.add(doc)

    def remove(self, doc_id: str) -> None:
        """Remove a document (KeyError if absent); its postings become tombstones."""
        slot = self._slot_of.pop(doc_id)
        self._state += 1
        bag = self._bags[slot]
        assert bag is not None
        terms, field_tfs = bag
        for column, postings in enumerate(self._fields.values()):
            postings.remove(slot, [int(t) for t in terms[field_tfs[:, column] > 0]])
        self._docs[slot] = None
        self._bags[slot] = None
        self._hub[slot] = 0.0
        self._concepts[slot] = frozenset()

    # -- search --------------------------------------------------------------------------------
    def search(
        self,
        query: MatchDocument,
        top: int = 20,
        filters: Mapping[str, Any] | None = None,
        one_sided: bool = False,
    ) -> list[Match]:
        """The ``top`` best matches for ``query`` with calibrated two-sided scores and reasons; ``one_sided`` for
        a question rather than a profile (see :func:`techbridge.core.matching.scoring.search`)."""
        from techbridge.core.matching.scoring import search

        return search(self, query, top=top, filters=filters or {}, one_sided=one_sided)

    def text_scores(self, query: MatchDocument, two_sided: bool = False) -> tuple[list[str], np.ndarray]:
        """Text score of every document: forward (0 = nothing matched, ~1 = all the query matched),
        or with ``two_sided`` the harmonic mean of forward and backward (slower: every document)."""
        from techbridge.core.matching.scoring import backward_scores, forward_scores, query_bag

        qbag = query_bag(self, query)
        slots = np.fromiter(self._slot_of.values(), dtype=np.int64, count=len(self._slot_of))
        scores = forward_scores(self, qbag)[slots]
        if two_sided:
            back = backward_scores(self, qbag, slots)
            total = scores + back
            scores = np.divide(2 * scores * back, total, out=np.zeros_like(total), where=total > 0)
        return list(self._slot_of), scores

    def refresh_hubness(self, n_probes: int = 64, seed: int = 0) -> None:
        from techbridge.core.matching.scoring import refresh_hubness

        refresh_hubness(self, n_probes=n_probes, seed=seed)

    # -- persistence ---------------------------------------------------------------------------
    def save(self, directory: str | Path) -> None:
        from techbridge.core.matching.store import save

        save(self, Path(directory))

    @classmethod
    def load(
        cls, directory: str | Path, analyzer: Analyzer | None = None, detector: Detector | None = None
    ) -> MatchIndex:
        from techbridge.core.matching.store import load

        return load(Path(directory), analyzer=analyzer, detector=detector)

    def _check_query(self, query: MatchDocument) -> None:
        size = sum(len(text) for text, _lang in query.parts())  # translations included
        if size > self.max_query_chars:
            raise MatchingError(f"query {query.id}: {size} characters, limit {self.max_query_chars}")
        if query.is_empty():
            raise MatchingError(f"query {query.id}: no text in title, keywords, summary or text")
