"""API of the directory: countries, cities, organisations, people, taxonomy."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from techbridge.directory import selectors
from techbridge.directory.models import City, Country, Organisation, Person, TaxonomyTerm
from techbridge.marketplace import rules

router = Router(tags=["directory"])


class CountryOut(Schema):
    code: str
    name_en: str
    name_zh: str
    name_local: str
    group: str
    capital: str
    official_languages: list[str]
    time_zone: str
    currency: str


class CountryDetailOut(CountryOut):
    public_holidays: list[dict]
    movable_holidays: list
    business_culture_en: str
    business_culture_zh: str
    policy_notes_en: str
    policy_notes_zh: str


class CityOut(Schema):
    key: str
    name_en: str
    name_zh: str
    country: str
    lat: float | None
    lon: float | None

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id


class OrganisationOut(Schema):
    key: str
    name: str
    name_en: str
    kind: str
    country: str
    city: str | None
    size: str
    website: str
    languages: list[str]
    sectors: list[str]
    description: str
    is_demo: bool

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id

    @staticmethod
    def resolve_city(obj) -> str | None:
        return obj.city.key if obj.city_id else None

    @staticmethod
    def resolve_sectors(obj) -> list[str]:
        return [t.code for t in obj.sectors.all()]


class PersonOut(Schema):
    key: str
    full_name: str
    kind: str
    title: str
    organisation: str | None
    country: str
    expertise: str
    expertise_terms: list[str]
    languages: list[str]
    availability: str
    email: str | None = None

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.key if obj.organisation_id else None

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id

    @staticmethod
    def resolve_expertise_terms(obj) -> list[str]:
        return [t.code for t in obj.expertise_terms.all()]

    @staticmethod
    def resolve_email(obj, context) -> str | None:
        return obj.email if rules.can_see_email(context["request"].user, obj) else None


class TermOut(Schema):
    code: str
    scheme: str
    parent: str | None
    label_en: str
    label_zh: str
    labels: dict

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


@router.get("/countries", response=list[CountryOut])
def list_countries(request):
    return Country.objects.all()


@router.get("/countries/{code}", response=CountryDetailOut)
def get_country(request, code: str):
    return get_object_or_404(Country, code=code.upper()[:2])


@router.get("/cities", response=list[CityOut])
def list_cities(request, country: str = ""):
    qs = City.objects.all()
    return qs.filter(country_id=country.upper()) if country else qs


@router.get("/taxonomy", response=list[TermOut])
def list_taxonomy(request, scheme: str = ""):
    qs = TaxonomyTerm.objects.select_related("parent")
    return qs.filter(scheme=scheme) if scheme else qs


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination, page_size=50)
def list_organisations(request, q: str = "", kind: str = "", country: str = "", city: str = ""):
    return (
        selectors.organisation_list(q=q[:200], kind=kind, country=country.upper()[:2], city=city)
        .select_related("city")
        .prefetch_related("sectors")
    )


@router.get("/organisations/{key}", response=OrganisationOut)
def get_organisation(request, key: str):
    return get_object_or_404(Organisation, key=key)


def _people_allowed(request) -> None:
    if not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregates, not personal data.")


@router.get("/people", response=list[PersonOut])
@paginate(PageNumberPagination, page_size=50)
def list_people(request, q: str = "", kind: str = "", country: str = "", term: str = ""):
    _people_allowed(request)
    return selectors.person_list(q=q[:200], kind=kind, country=country.upper()[:2], term=term)


@router.get("/people/{key}", response=PersonOut)
def get_person(request, key: str):
    _people_allowed(request)
    return get_object_or_404(Person, key=key)
