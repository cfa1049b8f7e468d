"""Platform-derived indicators: counts of published profiles, interests and city ties per city or country."""

import pytest
from django.utils import timezone

from techbridge.directory.models import City, CityTie
from techbridge.docking.models import Interest
from techbridge.evaluation import platform, services, uploads
from techbridge.evaluation.tests.factories import csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(world):
    """The world's published Polish profile (this year), one interest from Ningbo, one Ningbo-Kraków tie (2015)."""
    year = timezone.now().year
    world["published"].published_at = timezone.now()
    world["published"].save()
    krakow = City.objects.create(key="krakow", name_en="Kraków", country=world["countries"]["PL"])
    world["orgs"]["polish"].city = krakow
    world["orgs"]["polish"].save()
    ningbo = world["orgs"]["ningbo"].city
    CityTie.objects.create(city_a=ningbo, city_b=krakow, kind="sister", since=2015)
    Interest.objects.create(
        profile=world["published"], organisation=world["orgs"]["ningbo"], message="Interested"
    )
    return year


def test_it_counts_records_per_country(activity):
    frame = platform.table(level="country", year=activity).set_index("unit")
    assert frame.loc["PL", ["profiles", "interests_received", "interests_sent", "city_ties"]].tolist() == [
        1,
        1,
        0,
        1,
    ]
    assert frame.loc["CN", ["profiles", "interests_sent", "city_ties"]].tolist() == [0, 1, 1]
    assert frame.loc["PL", "interests_per_100_profiles"] == 100.0
    assert pd_isna(frame.loc["CN", "interests_per_100_profiles"])  # no profiles: missing, not zero


def test_it_counts_per_city_and_per_year(activity):
    now = platform.table(level="city", year=activity).set_index("unit")
    assert now.loc["Kraków", "profiles"] == 1 and now.loc["Ningbo", "city_ties"] == 1
    before = platform.table(level="city", year=2010)
    assert before.empty  # the tie dates from 2015, the profile and interest from this year


def test_a_framework_indicator_named_platform_x_is_filled_on_upload(activity):
    spec = {
        "framework": {
            "unit_column": "country",
            "aggregates": [{"code": "Index"}],
            "indicators": [
                {"code": "gdp", "parent": "Index"},
                {"code": "platform_profiles", "parent": "Index"},
            ],
        }
    }
    fw = services.framework_create(by=None, spec=spec)
    upload = csv_file("country,gdp\nPoland,10\nCN,20\n")
    (ds,) = uploads.dataset_upload(
        framework=fw, by=None, upload=upload, year=activity, platform_level="country"
    )
    assert [(r["country"], r["platform_profiles"]) for r in ds.rows] == [("Poland", 1.0), ("CN", 0.0)]
    only = uploads.dataset_from_platform(framework=fw, by=None, level="country", year=activity)
    assert {r["country"]: (r["gdp"], r["platform_profiles"]) for r in only.rows} == {
        "CN": (None, 0.0),
        "PL": (None, 1.0),
    }


def test_record_types_without_a_counter_are_listed_and_a_registered_one_brings_its_rates(monkeypatch):
    counters = {k: v for k, v in platform.COUNTERS.items() if k not in ("cases", "agreements")}
    monkeypatch.setattr(platform, "COUNTERS", counters)
    assert platform.missing_records() == ("matches", "meetings", "cases", "agreements", "programmes")
    assert "platform_interests_per_100_profiles" in platform.indicator_codes()
    assert "platform_agreements_per_100_profiles" not in platform.indicator_codes()
    monkeypatch.setitem(counters, "agreements", lambda level, year: {})
    assert "agreements" not in platform.missing_records()
    assert "platform_agreements_per_100_profiles" in platform.indicator_codes()


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))
