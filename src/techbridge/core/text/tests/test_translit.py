"""Romanisation of Greek and Cyrillic names."""

from __future__ import annotations

import pytest

from techbridge.core.text.analysis import Analyzer
from techbridge.core.text.translit import romanize


@pytest.mark.parametrize(
    ("word", "latin"),
    [("том", "tom"), ("прага", "praga"), ("љубљана", "ljubljana"), ("ђорђе", "djordje"),
     ("τομ", "tom"), ("αθήνα", "athina"), ("solar", "solar"), ("josé", "josé")],
)  # fmt: skip
def test_it_romanises_letter_by_letter(word: str, latin: str) -> None:
    assert romanize(word) == latin


def test_an_untranslated_cyrillic_name_meets_its_latin_spelling() -> None:
    assert "tom" in Analyzer().analyze("Том", "bg")
