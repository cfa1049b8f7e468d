"""Reads of the directory: lists with filters, country and city overviews, counts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from techbridge.core.marketplace.lifecycle import Status
from techbridge.directory.models import City, CityTie, Country, Organisation, Person


def directory_counts() -> dict:
    return {
        "organisations": Organisation.objects.count(),
        "countries_with_organisations": Organisation.objects.values("country").distinct().count(),
        "experts": Person.objects.count(),
    }


def organisation_list(
    *, q: str = "", kind: str = "", country: str = "", city: str = ""
) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("country", "city").annotate(
        published=Count("profiles", filter=Q(profiles__status=Status.PUBLISHED.value))
    )
    if q.strip():
        qs = qs.filter(Q(name__icontains=q) | Q(name_en__icontains=q) | Q(description__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_id=country)
    if city:
        qs = qs.filter(city__key=city)
    return qs.order_by("name")


def person_list(*, q: str = "", kind: str = "", country: str = "", term: str = "") -> QuerySet[Person]:
    qs = Person.objects.select_related("organisation", "country").prefetch_related("expertise_terms")
    if q.strip():
        qs = qs.filter(
            Q(full_name__icontains=q)
            | Q(expertise__icontains=q)
            | Q(expertise_terms__label_en__icontains=q)
            | Q(expertise_terms__label_zh__icontains=q)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_id=country)
    if term:
        qs = qs.filter(Q(expertise_terms__code=term) | Q(expertise_terms__parent__code=term))
    return qs.distinct().order_by("full_name")


def country_list() -> QuerySet[Country]:
    return Country.objects.annotate(
        organisations=Count("organisation", distinct=True),
    ).order_by("group", "name_en")


def city_ties(city: City) -> QuerySet[CityTie]:
    return CityTie.objects.filter(Q(city_a=city) | Q(city_b=city)).select_related(
        "city_a", "city_b", "city_a__country", "city_b__country"
    )


def country_overview(country: Country) -> dict:
    from techbridge.marketplace.models import Profile

    cities = City.objects.filter(country=country)
    ties = CityTie.objects.filter(Q(city_a__country=country) | Q(city_b__country=country)).select_related(
        "city_a", "city_b", "city_a__country", "city_b__country"
    )
    return {
        "cities": cities,
        "ties": ties,
        "organisations": Organisation.objects.filter(country=country).order_by("name")[:50],
        "organisation_count": Organisation.objects.filter(country=country).count(),
        "profiles": Profile.objects.filter(organisation__country=country, status=Status.PUBLISHED.value)
        .select_related("organisation")
        .order_by("-published_at")[:10],
        "profile_count": Profile.objects.filter(
            organisation__country=country, status=Status.PUBLISHED.value
        ).count(),
    }
