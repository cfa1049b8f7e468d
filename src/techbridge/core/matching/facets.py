"""Structured filters of a search (kind, compatible kind, country, language) applied to whole arrays.

A search ranks every document by its forward score and then walks the best ones, testing each against the
filters; when the filters are selective (an offer's match list wants requests and partner searches, an idea
search wants offers only) the walk ran out of its window and sorted every document. With each document's
kind, country and language held as small integer codes, the filters become one boolean mask over all slots,
applied before the ranking. The codes are rebuilt when the index changes (like the cached term impacts).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from techbridge.core.matching.documents import COMPATIBLE_KINDS, MatchDocument

if TYPE_CHECKING:
    from techbridge.core.matching.index import MatchIndex

FACETS = ("kind", "country", "lang")


class Facets:
    """Per-slot codes of the documents' kind, country and language, for the state the index was in."""

    def __init__(self) -> None:
        self._state = -1
        self._codes: dict[str, np.ndarray] = {}
        self._values: dict[str, dict[object, int]] = {}
        self._masks: dict[
            tuple[str, frozenset[object]], np.ndarray
        ] = {}  # the same few filters, again and again

    def _refresh(self, index: MatchIndex) -> None:
        if self._state == index._state and len(self._codes.get("kind", ())) == len(index._docs):
            return
        for facet in FACETS:
            values: dict[object, int] = {}
            codes = [
                values.setdefault(getattr(doc, facet) if doc is not None else None, len(values))
                for doc in index._docs
            ]
            self._codes[facet] = np.array(codes, dtype=np.int32)
            self._values[facet] = values
        self._masks.clear()
        self._state = index._state

    def _allowing(self, facet: str, allowed: frozenset[object]) -> np.ndarray:
        found = self._masks.get((facet, allowed))
        if found is None:
            wanted = [code for value, code in self._values[facet].items() if value in allowed]
            found = np.isin(self._codes[facet], np.array(wanted, dtype=np.int32))
            if len(self._masks) >= 64:
                self._masks.clear()
            self._masks[(facet, allowed)] = found
        return found

    def mask(self, index: MatchIndex, query: MatchDocument, filters: Mapping[str, Any]) -> np.ndarray | None:
        """Slots whose kind, country and language pass ``filters`` (as ``scoring._passes`` decides);
        None when no such filter applies."""
        parts: list[tuple[str, frozenset[object]]] = []
        if "kinds" in filters:
            parts.append(("kind", frozenset(filters["kinds"])))
        if filters.get("compatible_kinds") and query.kind:
            parts.append(("kind", COMPATIBLE_KINDS[query.kind] | {None}))  # a document without kind passes
        if "countries" in filters:
            parts.append(("country", frozenset(filters["countries"])))
        if "langs" in filters:
            parts.append(("lang", frozenset(filters["langs"])))
        if not parts:
            return None
        self._refresh(index)
        mask = self._allowing(*parts[0])
        for facet, allowed in parts[1:]:
            mask = mask & self._allowing(facet, allowed)
        return mask
