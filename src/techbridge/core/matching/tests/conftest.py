"""A tiny English analyzer so the matching tests do not depend on techbridge.core.text."""

from __future__ import annotations

import re

import pytest

from techbridge.core.matching import MatchDocument, MatchIndex


def words(text: str, lang: str | None = None) -> list[str]:
    """Lower-cased alphanumeric words; a trailing plural 's' is dropped (enough for the tests)."""
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[a-z0-9:]+", text.lower())]


@pytest.fixture
def analyzer():
    return words


@pytest.fixture
def small_index() -> MatchIndex:
    index = MatchIndex(analyzer=words)
    index.add(
        MatchDocument(
            "battery",
            title="Battery recycling",
            text="recovery of lithium from spent battery cells",
            kind="offer",
            country="PL",
            trl=7,
        )
    )
    index.add(
        MatchDocument(
            "solar",
            title="Solar robot",
            text="robot cleaning photovoltaic panels",
            kind="offer",
            country="HU",
            trl=4,
        )
    )
    index.add(
        MatchDocument(
            "sensor",
            title="Battery sensor",
            text="state of health sensor for battery packs",
            kind="request",
            country="CZ",
            trl_min=5,
        )
    )
    index.add(
        MatchDocument(
            "water",
            title="Water filter",
            text="membrane filter for drinking water",
            kind="offer",
            country="SK",
        )
    )
    return index
