"""A partner country's or city's cooperation with the platform: counts and a dated timeline of ties,
published profiles, programmes and calendar events."""

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
        return {"ties": 0, "organisations": 0, "profiles": 0, "programmes": 0, "events": 0, "timeline": []}
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
    timeline.sort(key=lambda item: item["sort"], reverse=True)
    return {
        "ties": ties.count(),
        "organisations": orgs.count(),
        "profiles": profiles.count(),
        "programmes": programmes.count(),
        "events": events.count(),
        "timeline": timeline[:TIMELINE_LIMIT],
    }
