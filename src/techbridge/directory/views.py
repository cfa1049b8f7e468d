"""Directory pages: organisations, people, countries and cities."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from techbridge.core.marketplace.lifecycle import Status
from techbridge.directory import selectors
from techbridge.directory.models import (
    City,
    Country,
    Organisation,
    OrganisationKind,
    Person,
    PersonKind,
    TaxonomyScheme,
    TaxonomyTerm,
)
from techbridge.marketplace import rules
from techbridge.web.pages import page_context


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    qs = selectors.organisation_list(
        q=g.get("q", ""), kind=g.get("kind", ""), country=g.get("country", ""), city=g.get("city", "")
    )
    context = page_context(request, qs)
    context.update(kinds=OrganisationKind.choices, countries=Country.objects.all())
    return render(request, "directory/organisation_list.html", context)


@login_required
def organisation_detail(request: HttpRequest, key: str) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.select_related("country", "city"), key=key)
    profiles = org.profiles.filter(status=Status.PUBLISHED.value)
    if rules.is_broker(request.user) or request.user.organisation_id == org.pk:
        profiles = org.profiles.all()
    people = org.people.all() if rules.can_view_people(request.user) else None
    return render(
        request,
        "directory/organisation_detail.html",
        {"org": org, "profiles": profiles.order_by("-created_at")[:50], "people": people},
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    if not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregates, not personal data.")
    g = request.GET
    qs = selectors.person_list(
        q=g.get("q", ""), kind=g.get("kind", ""), country=g.get("country", ""), term=g.get("term", "")
    )
    context = page_context(request, qs)
    context.update(
        kinds=PersonKind.choices,
        countries=Country.objects.all(),
        terms=TaxonomyTerm.objects.filter(scheme=TaxonomyScheme.TECHNOLOGY, parent__isnull=True),
    )
    return render(request, "directory/person_list.html", context)


@login_required
def person_detail(request: HttpRequest, key: str) -> HttpResponse:
    if not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregates, not personal data.")
    person = get_object_or_404(Person.objects.select_related("organisation", "country"), key=key)
    return render(
        request,
        "directory/person_detail.html",
        {"person": person, "show_email": rules.can_see_email(request.user, person)},
    )


@login_required
def country_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/country_list.html", {"countries": selectors.country_list()})


@login_required
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    return render(
        request, "directory/country_detail.html", {"country": country, **selectors.country_overview(country)}
    )


@login_required
def city_detail(request: HttpRequest, key: str) -> HttpResponse:
    city = get_object_or_404(City.objects.select_related("country"), key=key)
    orgs = Organisation.objects.filter(city=city).order_by("name")
    paginator = Paginator(orgs, 50)
    return render(
        request,
        "directory/city_detail.html",
        {
            "city": city,
            "ties": selectors.city_ties(city),
            "organisations": paginator.page(1),
            "organisation_count": orgs.count(),
        },
    )
