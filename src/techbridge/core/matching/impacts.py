"""Per-term impacts: what one query term adds to the forward score of every document that holds it.

The forward score is a sum over query terms and fields of ``weight x share_f x idf_f x sat_f(tf, length)``
(see :mod:`techbridge.core.matching.bm25`). For a fixed state of the index, everything but the query
weight is a property of the term: its impact on each document, summed over the fields. Computing it once
and reusing it makes scoring one multiply-add per posting instead of five numpy passes per field.

Every change of the index (add, update, remove) changes IDF and average lengths, so the cache starts over;
the first query after a change computes its impacts without keeping them and only the following ones fill
and use the cache. An index that changes between every pair of queries (the partner-search benchmark's
leave-one-out) thus never keeps impacts it cannot reuse. Kept or not, an impact is computed the same way,
so a query scores bit for bit the same whether its terms were cached or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from techbridge.core.matching.bm25 import K1

if TYPE_CHECKING:
    from techbridge.core.matching.index import MatchIndex

BUDGET = 12_000_000  # postings held at most (12 bytes each: about 144 MB); the longest-held terms make room
DENSE_SHARE = (
    16  # a term with postings for more than 1/16 of the slots is summed over fields in a dense array
)


class TermImpacts:
    """The impacts of the terms queried since the index last changed."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self._state = -1
        self._terms: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._size = 0

    def _usable(self, state: int) -> bool:
        """True when the index is still at ``state`` since the previous query (the cache can be reused)."""
        if state == self._state:
            return True
        self._state = state
        self.clear()
        return False

    def clear(self) -> None:
        self._terms.clear()
        self._size = 0

    def __len__(self) -> int:
        return len(self._terms)

    def score_into(self, scores: np.ndarray, index: MatchIndex, weights: Mapping[int, float]) -> None:
        """Add ``weight x impact`` of every query term to ``scores`` (indexed by slot)."""
        keep = self._usable(index._state)
        for term, weight in weights.items():
            found = self._terms.get(term) if keep else None
            if found is None:
                found = _impact(index, term)
                if keep:
                    self._keep(term, found)
            slots, impact = found
            if len(slots):
                scores[slots] += weight * impact

    def _keep(self, term: int, found: tuple[np.ndarray, np.ndarray]) -> None:
        if len(found[0]) > self.budget:
            return
        while self._size + len(found[0]) > self.budget:  # the longest-held terms make room
            self._size -= len(self._terms.pop(next(iter(self._terms)))[0])
        self._terms[term] = found
        self._size += len(found[0])

    @property
    def size(self) -> int:
        """Postings held."""
        return self._size


def _impact(index: MatchIndex, term: int) -> tuple[np.ndarray, np.ndarray]:
    """(slots, impact) of ``term``: the sum over fields of share x idf x saturated tf, per document."""
    n = len(index)
    weights_sum = sum(index.field_weights.values())
    parts_slots, parts_values = [], []
    for name, postings in index._fields.items():
        slots, tfs = postings.postings(term)
        if not len(slots):
            continue
        share = index.field_weights[name] / weights_sum
        tf = tfs.astype(np.float64)
        parts_slots.append(slots)
        parts_values.append(
            tf * ((K1 + 1.0) * share * postings.idf(term, n)) / (tf + postings.norms(n)[slots])
        )
    if not parts_slots:
        return np.empty(0, np.int32), np.empty(0)
    if len(parts_slots) == 1:
        return parts_slots[0].copy(), parts_values[0]  # a copy: a view would pin the postings array
    size = len(index._docs)
    if sum(len(slots) for slots in parts_slots) * DENSE_SHARE < size:  # a rare term: sort its few postings
        slots, inverse = np.unique(np.concatenate(parts_slots), return_inverse=True)
        return slots.astype(np.int32), np.bincount(inverse, weights=np.concatenate(parts_values))
    # a common term: add the fields up in a dense array (sorting tens of thousands of postings costs more);
    # the same additions in the same order as above, so the result does not depend on the way taken
    summed, held = np.zeros(size), np.zeros(size, dtype=bool)
    for slots, values in zip(parts_slots, parts_values, strict=True):
        summed[slots] += values
        held[slots] = True
    slots = np.flatnonzero(held).astype(np.int32)
    return slots, summed[slots]
