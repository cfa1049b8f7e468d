"""Fixtures of planning's tests: a small study over the `world` fixture, and planning's URLs."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse


@pytest.fixture(autouse=True)
def planning_urls(settings):
    """Use planning's URLs even where techbridge.web.urls does not include them yet."""
    try:
        reverse("planning-home")
    except NoReverseMatch:
        settings.ROOT_URLCONF = "techbridge.planning.tests.urls"


@pytest.fixture
def study(world):
    """Four candidate sites in two countries, three criteria (one cost), equal weights, 200 SMAA samples."""
    from techbridge.directory.models import Country
    from techbridge.planning.models import Site, Study, StudyCriterion

    cz = Country.objects.create(code="CZ", name_en="Czechia", name_zh="捷克", group="cee")
    s = Study.objects.create(title="Test study", smaa_samples=200, created_by=world["users"]["analyst"])
    for pos, (key, kind) in enumerate((("rail", "benefit"), ("talent", "benefit"), ("risk", "cost"))):
        StudyCriterion.objects.create(
            study=s, key=key, label=key.title(), kind=kind, weight=1.0, position=pos
        )
    rows = [
        ("Warsaw", "PL", 52.2, 21.0, 600, (3, 8, 3)),
        ("Lodz", "PL", 51.8, 19.5, 400, (3, 5, 3)),
        ("Prague", "CZ", 50.1, 14.4, 650, (2, 9, 2)),
        ("Brno", "CZ", 49.2, 16.6, 450, (1, 6, 2)),
    ]
    for name, country, lat, lon, cost, (rail, talent, risk) in rows:
        Site.objects.create(
            study=s,
            name=name,
            country_id=country,
            lat=lat,
            lon=lon,
            cost=cost,
            values={"rail": rail, "talent": talent, "risk": risk},
        )
    assert cz.pk == "CZ"
    return s
