"""A partner country's or city's cooperation with the platform: counts, a dated timeline of ties, published
profiles, agreements, programmes, docking conferences and calendar events, and a map of its cities."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from techbridge.directory.models import CityTie, Organisation
from techbridge.marketplace.models import Profile
from techbridge.planning.models import CalendarEvent, Programme

TIMELINE_LIMIT = 30


def cooperation_overview(*, country=None, city=None) -> dict:
    """Counts and up to 30 most recent dated items for `country` or `city` (one of them)."""
    city, country = city or None, country or None  # a template passes "" for a missing variable
    if city is not None:
        org_q = Q(city=city)
        tie_q = Q(city_a=city) | Q(city_b=city)
        place_q = Q(city=city)
    elif country is not None:
        org_q = Q(country=country)
        tie_q = Q(city_a__country=country) | Q(city_b__country=country)
        place_q = Q(country=country)
    else:
        return {
            "ties": 0,
            "organisations": 0,
            "profiles": 0,
            "programmes": 0,
            "events": 0,
            "agreements": 0,
            "conferences": 0,
            "timeline": [],
            "map": None,
        }
    ties = CityTie.objects.filter(tie_q).select_related("city_a", "city_b")
    orgs = Organisation.objects.filter(org_q)
    profiles = Profile.objects.filter(organisation__in=orgs, status="published")
    prog_q = Q(partners__in=orgs) | (Q(country=country) if city is None else Q(pk__in=[]))
    programmes = Programme.objects.filter(prog_q).distinct()
    events = CalendarEvent.objects.filter(place_q)
    timeline = []
    for t in ties:
        if t.since:
            timeline.append(
                {
                    "date": dt.date(t.since, 1, 1).year,
                    "sort": dt.date(t.since, 1, 1),
                    "kind": _("city tie"),
                    "title": str(t),
                    "url": "",
                }
            )
    for p in profiles[:TIMELINE_LIMIT]:
        if p.published_at:
            timeline.append(
                {
                    "date": p.published_at.date(),
                    "sort": p.published_at.date(),
                    "kind": _("profile"),
                    "title": p.display_title,
                    "url": reverse("profile-detail", args=[p.reference]),
                }
            )
    for p in programmes[:TIMELINE_LIMIT]:
        timeline.append(
            {
                "date": p.start,
                "sort": p.start,
                "kind": p.get_kind_display(),
                "title": p.title,
                "url": reverse("planning-programme", args=[p.pk]),
            }
        )
    for e in events[:TIMELINE_LIMIT]:
        timeline.append(
            {"date": e.start, "sort": e.start, "kind": e.get_kind_display(), "title": e.title, "url": e.url}
        )
    agreements, conferences = _agreements(orgs), _conferences(orgs)
    for a in agreements[:TIMELINE_LIMIT]:
        if a.signed_on:
            timeline.append(
                {
                    "date": a.signed_on,
                    "sort": a.signed_on,
                    "kind": _("agreement"),
                    "title": a.title,
                    "url": reverse("case-detail", args=[a.case_id]),
                }
            )
    for e in conferences[:TIMELINE_LIMIT]:
        timeline.append(
            {
                "date": e.start_date,
                "sort": e.start_date,
                "kind": _("docking conference"),
                "title": e.title,
                "url": reverse("event-detail", args=[e.pk]),
            }
        )
    timeline.sort(key=lambda item: item["sort"], reverse=True)
    return {
        "agreements": agreements.count(),
        "conferences": conferences.count(),
        "map": _map(country=country, city=city, orgs=orgs),
        "ties": ties.count(),
        "organisations": orgs.count(),
        "profiles": profiles.count(),
        "programmes": programmes.count(),
        "events": events.count(),
        "timeline": timeline[:TIMELINE_LIMIT],
    }


def _agreements(orgs):
    from techbridge.cases.models import Agreement

    return Agreement.objects.filter(parties__in=orgs).distinct().order_by("-signed_on")


def _conferences(orgs):
    from techbridge.events.models import Event

    return Event.objects.filter(registrations__organisation__in=orgs).distinct().order_by("-start_date")


def _map(*, country, city, orgs):
    """The partner's cities on a map, each sized by its organisations on the platform."""
    from django.db.models import Count

    from techbridge.directory.models import City
    from techbridge.planning.geo.svgmap import site_map

    cities = City.objects.filter(pk=city.pk) if city is not None else City.objects.filter(country=country)
    counts = dict(orgs.values_list("city").annotate(n=Count("id")).values_list("city", "n"))
    sites = [
        {
            "name": c.name,
            "lat": c.lat,
            "lon": c.lon,
            "score": counts.get(c.pk, 0),
            "label": _("%(city)s: %(n)s organisations") % {"city": c.name, "n": counts.get(c.pk, 0)},
        }
        for c in cities
        if c.lat is not None and c.lon is not None
    ]
    return site_map(sites) if sites else None
