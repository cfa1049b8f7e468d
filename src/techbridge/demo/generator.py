"""TechBridge DEMO DATA generator: fictional organisations, experts, talents and profiles (all ``demo=True``).

``generate(seed)`` is deterministic for a given seed and pure (no Django, no clock, no network). Profiles are
composed from topic seeds shared across Chinese, English, Polish, Czech and Hungarian, so that Ningbo's
Chinese technology requests have CEE offers on the same topics: the ``topic`` field is the ground truth a
docking (matching) engine can be evaluated against. Names, websites (``.example``), e-mail addresses, pilot
customers and patent numbers are invented and do not refer to real entities.
"""

from __future__ import annotations

import random

from techbridge.demo import phrasebank as pb
from techbridge.demo.organisations import build_organisations
from techbridge.demo.people import build_persons
from techbridge.demo.profiles import build_profiles
from techbridge.demo.records import DemoData, Organisation, Person, Profile
from techbridge.directory import reference

__all__ = ["DemoData", "Organisation", "Person", "Profile", "generate"]


def generate(seed: int = 2026) -> DemoData:
    """The complete demo data set for ``seed``; the same seed always gives the same records."""
    rng = random.Random(seed)
    topics = pb.topics()
    _check_topics(topics)
    countries = reference.load_countries()
    orgs = build_organisations(rng, topics, countries, reference.load_cities(countries=countries))
    persons = build_persons(rng, orgs, {t.key: t for t in topics})
    profiles = build_profiles(rng, orgs, topics)
    return DemoData(seed=seed, organisations=orgs, persons=persons, profiles=profiles)


def _check_topics(topics: tuple[pb.Topic, ...]) -> None:
    """Topic seeds may only use taxonomy codes that exist (a typo would break the loader later)."""
    codes = {term.code for term in reference.load_taxonomy()}
    for topic in topics:
        unknown = [code for code in (*topic.tech, *topic.markets) if code not in codes]
        if unknown:
            raise ValueError(f"demo topic {topic.key}: unknown taxonomy code(s) {', '.join(unknown)}")
