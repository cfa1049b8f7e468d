"""Plain records produced by the demo generator (demo data only; field names match the Django models)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Organisation:
    key: str
    name: str
    name_en: str
    kind: str
    country: str
    city: str
    size: str
    sectors: list[str]
    website: str
    languages: list[str]
    description: str
    founded: int
    topics: list[str] = field(default_factory=list)  # demo topic seeds behind the sectors (ground truth)
    demo: bool = True


@dataclass
class Person:
    key: str
    full_name: str
    kind: str
    title: str
    organisation: str
    country: str
    expertise: str
    expertise_terms: list[str]
    languages: list[str]
    availability: str
    email: str
    topic: str = ""
    demo: bool = True


@dataclass
class Profile:
    key: str
    kind: str
    organisation: str
    title: str
    summary: str
    description: str
    language: str
    technology_keywords: list[str]
    market_keywords: list[str]
    trl: int
    ipr_status: str
    partnership_types: list[str]
    target_countries: list[str]
    partner_kinds: list[str]
    confidential_details: str
    status: str
    created_days_ago: int
    deadline_days: int | None
    translation_en: dict[str, str] | None
    topic: str = ""  # the topic seed: profiles sharing it are true matches for docking evaluation
    demo: bool = True


@dataclass
class DemoData:
    seed: int
    organisations: list[Organisation]
    persons: list[Person]
    profiles: list[Profile]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready plain dictionaries (for fixtures or the loader)."""
        return {
            "seed": self.seed,
            "organisations": [asdict(o) for o in self.organisations],
            "persons": [asdict(p) for p in self.persons],
            "profiles": [asdict(p) for p in self.profiles],
        }
