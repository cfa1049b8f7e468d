"""Phrase banks of the demo generator: loading the YAML files and filling their templates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PHRASES = Path(__file__).resolve().parent / "phrases"
TEXT_LANGUAGES = ("zh", "en", "pl", "cs", "hu")
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "đ": "dj", "Đ": "Dj", "ß": "ss", "ø": "o", "ı": "i"})


@dataclass(frozen=True)
class Topic:
    """A topic seed: the same technology described in every text language."""

    key: str
    tech: tuple[str, ...]
    markets: tuple[str, ...]
    countries: tuple[str, ...]
    org_zh: tuple[str, ...]
    org_en: tuple[str, ...]
    text: dict[str, dict[str, Any]]

    def slots(self, lang: str) -> dict[str, str]:
        """Template placeholders for one language ({subject}, {T0}, {benefit} ...)."""
        text = self.text[lang]
        slots = {k: text[k] for k in ("subject", "application", "benefit", "challenge")}
        slots["Subject"] = capitalise(text["subject"])
        for i, term in enumerate(text["terms"]):
            slots[f"t{i}"] = term
            slots[f"T{i}"] = capitalise(term)
        return slots


def _load(name: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (PHRASES / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - safe loader chosen above


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    rows = _load("topics.yaml")["topics"]
    return tuple(
        Topic(
            key=row["key"],
            tech=tuple(row["tech"]),
            markets=tuple(row["markets"]),
            countries=tuple(row["countries"]),
            org_zh=tuple(row["org_zh"]),
            org_en=tuple(row["org_en"]),
            text={lang: row[lang] for lang in TEXT_LANGUAGES},
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def profile_phrases() -> dict[str, Any]:
    return _load("profiles.yaml")


@lru_cache(maxsize=1)
def people_phrases() -> dict[str, Any]:
    return _load("people.yaml")


@lru_cache(maxsize=1)
def organisation_phrases() -> dict[str, Any]:
    return _load("organisations.yaml")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(template: str, slots: dict[str, Any]) -> str:
    """Fill {placeholders}; a missing placeholder is a bug in the phrase bank and raises KeyError."""
    return template.format(**slots)


def join(sentences: list[str], lang: str) -> str:
    """Join sentences the way the language writes them (no spaces between Chinese sentences)."""
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)


def split_native(entry: str) -> tuple[str, str]:
    """'native|latin' -> (native, latin); a plain entry is its own Latin form."""
    native, _, latin = entry.partition("|")
    return native, latin or native


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
