"""Incremental inverted index of one text field with Okapi BM25 weights computed at query time.

Postings are append-only arrays per term; a removed document is a tombstone (its length set to 0
and its document frequencies taken back), so adding, updating or removing a profile never
rebuilds the index, and IDF and average length always reflect the live documents. BM25 and its
IDF follow Robertson & Zaragoza (2009, "The probabilistic relevance framework: BM25 and beyond"),
with the non-negative IDF ln(1 + (N - df + 0.5) / (df + 0.5)).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from itertools import repeat

import numpy as np

K1 = 1.2
B = 0.75


class FieldPostings:
    """Postings (document slot, term frequency) of every term in one field.

    New postings are appended to flat pending arrays (a few C-level calls per document) and
    merged into the per-term arrays before anything reads them (or when many are pending): the
    same postings in the same order as appending each one where it belongs, far cheaper in bulk.
    """

    FLUSH_AT = 1 << 20  # pending postings merged at once at the latest (bounds the extra memory)

    def __init__(self) -> None:
        self._slots: list[array] = []
        self._tfs: list[array] = []
        self._df = array("i")
        self.lengths = array("f")
        self.total_length = 0.0
        self._norms: np.ndarray | None = None  # cached length normalisation; reset by every update
        self._n_terms = 0
        self._pending_terms = array("i")
        self._pending_slots = array("i")
        self._pending_tfs = array("f")
        self._dirty = False  # pending postings or new terms not merged yet

    @property
    def slots(self) -> list[array]:
        """Per term: the slots of the documents holding it, ascending."""
        if self._dirty:
            self._flush()
        return self._slots

    @property
    def tfs(self) -> list[array]:
        """Per term: its frequency in each of those documents."""
        if self._dirty:
            self._flush()
        return self._tfs

    @property
    def df(self) -> array:
        """Per term: how many live documents hold it."""
        if self._dirty:
            self._flush()
        return self._df

    # -- updates -------------------------------------------------------------------------------
    def ensure_terms(self, n_terms: int) -> None:
        if n_terms > self._n_terms:
            self._n_terms = n_terms
            self._dirty = True

    def add(self, slot: int, counts: Mapping[int, float]) -> None:
        """Append document ``slot`` (slots grow monotonically, so postings stay sorted)."""
        lengths = self.lengths
        while len(lengths) <= slot:
            lengths.append(0.0)
        self._norms = None
        length = float(sum(counts.values()))
        lengths[slot] = length
        self.total_length += length
        self._pending_terms.extend(counts.keys())
        self._pending_tfs.extend(counts.values())
        self._pending_slots.extend(repeat(slot, len(counts)))
        self._dirty = True
        if len(self._pending_terms) >= self.FLUSH_AT:
            self._flush()

    def flush(self) -> None:
        """Merge pending postings now (reads do it themselves; bulk loaders call it at the end)."""
        if self._dirty:
            self._flush()

    def _flush(self) -> None:
        """Merge the pending postings into the per-term arrays and document frequencies."""
        self._dirty = False
        pending = len(self._pending_terms)
        n_terms = self._n_terms
        if pending:
            n_terms = max(n_terms, int(np.frombuffer(self._pending_terms, dtype=np.int32).max()) + 1)
        while len(self._slots) < n_terms:
            self._slots.append(array("i"))
            self._tfs.append(array("f"))
            self._df.append(0)
        if not pending:
            return
        terms, slots, tfs = self._pending_terms, self._pending_slots, self._pending_tfs
        self._pending_terms, self._pending_slots, self._pending_tfs = array("i"), array("i"), array("f")
        if pending < 256:  # a few documents (live updates): one append each
            for term, slot, tf in zip(terms, slots, tfs, strict=True):
                self._slots[term].append(slot)
                self._tfs[term].append(tf)
                self._df[term] += 1
            return
        term_ids = np.frombuffer(terms, dtype=np.int32)
        order = np.argsort(term_ids, kind="stable")  # stable: each term's slots stay ascending
        sorted_terms = term_ids[order]
        slot_bytes = memoryview(np.frombuffer(slots, dtype=np.int32)[order].tobytes())
        tf_bytes = memoryview(np.frombuffer(tfs, dtype=np.float32)[order].tobytes())
        starts = np.flatnonzero(np.diff(sorted_terms, prepend=-1))
        ends = np.append(starts[1:], pending)
        for term, start, stop in zip(
            sorted_terms[starts].tolist(), (4 * starts).tolist(), (4 * ends).tolist(), strict=True
        ):
            self._slots[term].frombytes(slot_bytes[start:stop])
            self._tfs[term].frombytes(tf_bytes[start:stop])
        df = np.frombuffer(self._df, dtype=np.int32)
        df += np.bincount(term_ids, minlength=len(df)).astype(np.int32)
        del df

    def remove(self, slot: int, terms: Iterable[int]) -> None:
        """Tombstone ``slot``: its postings stay but no longer count or score."""
        self._norms = None
        self.total_length -= self.lengths[slot]
        self.lengths[slot] = 0.0
        df = self.df
        for term in terms:
            df[term] -= 1

    # -- reading -------------------------------------------------------------------------------
    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        if self._dirty:
            self._flush()
        if term >= len(self._slots):
            return np.empty(0, np.int32), np.empty(0, np.float32)
        return (
            np.frombuffer(self._slots[term], dtype=np.int32),
            np.frombuffer(self._tfs[term], dtype=np.float32),
        )

    def tf(self, term: int, slot: int) -> float:
        """Term frequency of ``term`` in document ``slot`` (binary search in sorted postings)."""
        slots, tfs = self.postings(term)
        pos = int(np.searchsorted(slots, slot))
        return float(tfs[pos]) if pos < len(slots) and slots[pos] == slot else 0.0

    def idf(self, term: int, n_docs: int) -> float:
        dfs = self.df
        df = dfs[term] if term < len(dfs) else 0
        return float(np.log1p((n_docs - df + 0.5) / (df + 0.5)))

    def idfs(self, terms: np.ndarray, n_docs: int) -> np.ndarray:
        df = np.frombuffer(self.df, dtype=np.int32)[terms].astype(np.float64)
        return np.log1p((n_docs - df + 0.5) / (df + 0.5))

    def avg_length(self, n_docs: int) -> float:
        return self.total_length / n_docs if n_docs else 0.0

    def saturate(self, tf: np.ndarray, length: np.ndarray | float, avgdl: float) -> np.ndarray:
        """The BM25 term-frequency factor tf (k1 + 1) / (tf + k1 (1 - b + b len / avgdl))."""
        norm = K1 * (1.0 - B + B * np.asarray(length) / max(avgdl, 1e-9))
        return np.asarray(tf) * (K1 + 1.0) / (np.asarray(tf) + norm)

    def norms(self, n_docs: int) -> np.ndarray:
        """k1 (1 - b + b len / avgdl) per slot; infinite for tombstones and empty fields, so they score 0."""
        if self._norms is None or len(self._norms) != len(self.lengths):
            lengths = np.frombuffer(self.lengths, dtype=np.float32).astype(np.float64)
            norms = K1 * (1.0 - B + B * lengths / max(self.avg_length(n_docs), 1e-9))
            norms[lengths == 0] = np.inf
            self._norms = norms
        return self._norms

    def score_into(self, scores: np.ndarray, query: Mapping[int, float], n_docs: int, weight: float) -> None:
        """Add ``weight`` x BM25(query, doc) of every document to ``scores`` (indexed by slot)."""
        if not n_docs:
            return
        norms = self.norms(n_docs)
        for term, qweight in query.items():
            slots, tfs = self.postings(term)
            if not len(slots):
                continue
            part = tfs * ((K1 + 1.0) * weight * qweight * self.idf(term, n_docs)) / (tfs + norms[slots])
            scores[slots] += part  # a document appears once per term: no duplicate slots

    # -- persistence ---------------------------------------------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        sizes = np.array([len(s) for s in self.slots], dtype=np.int64)
        return {
            "offsets": np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            "slots": np.concatenate(
                [np.frombuffer(s, np.int32) for s in self.slots] or [np.empty(0, np.int32)]
            ),
            "tfs": np.concatenate(
                [np.frombuffer(t, np.float32) for t in self.tfs] or [np.empty(0, np.float32)]
            ),
            "df": np.frombuffer(self.df, np.int32).copy(),
            "lengths": np.frombuffer(self.lengths, np.float32).copy(),
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> FieldPostings:
        self = cls()
        offsets, slots, tfs = data["offsets"], data["slots"], data["tfs"]
        for i in range(len(offsets) - 1):
            self._slots.append(array("i", slots[offsets[i] : offsets[i + 1]].astype(np.int32).tobytes()))
            self._tfs.append(array("f", tfs[offsets[i] : offsets[i + 1]].astype(np.float32).tobytes()))
        self._df = array("i", data["df"].astype(np.int32).tobytes())
        self._n_terms = len(self._df)
        self.lengths = array("f", data["lengths"].astype(np.float32).tobytes())
        self.total_length = float(np.sum(data["lengths"], dtype=np.float64))
        return self
