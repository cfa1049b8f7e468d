"""Reads of events: lists, the catalogue, agendas, the table plan, suggestions and statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from techbridge.events import timeplan
from techbridge.events.models import Event, Meeting, MeetingRequest, MeetingStatus, Registration


def event_list(*, viewer):
    return Event.objects.all()


def registration_of(*, event: Event, user) -> Registration | None:
    if not (user and user.is_authenticated):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def catalogue(*, event: Event):
    """Registrations with their organisation, country and the profiles they bring."""
    from techbridge.marketplace.models import Profile

    return (
        Registration.objects.filter(event=event)
        .select_related("organisation", "organisation__country")
        .prefetch_related(Prefetch("profiles", queryset=Profile.objects.filter(status="published")))
    )


def requests_of(*, registration: Registration):
    base = MeetingRequest.objects.select_related(
        "requester__organisation", "recipient__organisation", "meeting"
    )
    return {
        "received": base.filter(recipient=registration),
        "sent": base.filter(requester=registration),
    }


@dataclass
class AgendaItem:
    meeting: Meeting
    other: Registration
    start: dt.datetime  # in the event's time zone
    end: dt.datetime
    start_second: dt.datetime | None  # in the viewer's zone when it differs


def agenda(*, registration: Registration) -> list[AgendaItem]:
    """The participant's scheduled meetings, chronologically, with both time zones."""
    event = registration.event
    slots = {s.index: s for s in timeplan.slot_times(event)}
    second = timeplan.second_zone(event)
    meetings = (
        Meeting.objects.filter(status=MeetingStatus.PLANNED, slot__isnull=False)
        .filter(Q(request__requester=registration) | Q(request__recipient=registration))
        .select_related("request__requester__organisation", "request__recipient__organisation")
        .order_by("slot")
    )
    out = []
    for m in meetings:
        s = slots.get(m.slot)
        if s is None:
            continue
        req = m.request
        other = req.recipient if req.requester_id == registration.pk else req.requester
        out.append(AgendaItem(m, other, s.start, s.end, s.start.astimezone(second) if second else None))
    return out


@dataclass
class PlanRow:
    slot: timeplan.SlotTime
    start_second: dt.datetime | None
    cells: list[Meeting | None]  # one per table
    virtual: list[Meeting]


def table_plan(*, event: Event) -> tuple[list[str], list[PlanRow]]:
    """For the venue staff: who sits at which table in every slot."""
    tables = [f"T{i}" for i in range(1, event.tables + 1)]
    second = timeplan.second_zone(event)
    by_slot: dict[int, list[Meeting]] = {}
    for m in Meeting.objects.filter(
        event=event, status=MeetingStatus.PLANNED, slot__isnull=False
    ).select_related("request__requester__organisation", "request__recipient__organisation"):
        by_slot.setdefault(m.slot, []).append(m)
    rows = []
    for s in timeplan.slot_times(event):
        ms = by_slot.get(s.index, [])
        at = {m.table: m for m in ms if m.table}
        rows.append(
            PlanRow(
                s,
                s.start.astimezone(second) if second else None,
                [at.get(t) for t in tables],
                [m for m in ms if not m.table],
            )
        )
    return tables, rows


def meetings(*, event: Event):
    return (
        Meeting.objects.filter(event=event)
        .select_related("request__requester__organisation", "request__recipient__organisation")
        .order_by("status", "slot", "table", "pk")
    )


def handed_over(*, event: Event):
    found = meetings(event=event).filter(handed_over=True).order_by("-handed_over_at")
    return found.prefetch_related("cases") if hasattr(Meeting, "cases") else found


def stats(*, event: Event) -> dict:
    """Aggregates only (no names): registrations, countries, requests, meetings, outcomes."""
    regs = Registration.objects.filter(event=event)
    reqs = MeetingRequest.objects.filter(event=event)
    ms = Meeting.objects.filter(event=event)
    return {
        "registrations": regs.count(),
        "organisations": regs.values("organisation").distinct().count(),
        "countries": sorted(Counter(regs.values_list("organisation__country_id", flat=True)).items()),
        "checked_in": regs.filter(checked_in_at__isnull=False).count(),
        "no_shows": regs.filter(no_show=True).count(),
        "requests": reqs.count(),
        "accepted": reqs.filter(status="accepted").count(),
        "declined": reqs.filter(status="declined").count(),
        "scheduled": ms.filter(status=MeetingStatus.PLANNED, slot__isnull=False).count(),
        "cancelled": ms.filter(status=MeetingStatus.CANCELLED).count(),
        "outcomes": {o: ms.filter(outcome=o).count() for o in ("no_interest", "follow_up", "cooperation")},
        "handed_over": ms.filter(handed_over=True).count(),
    }


@dataclass
class Suggestion:
    registration: Registration
    score: float
    because: str  # the matched profile's title


def suggestions(*, registration: Registration, top: int = 10) -> list[Suggestion]:
    """Other participants whose profiles match the ones this participant brings (or, without profiles,
    its event-specific description), best first."""
    others: dict[str, list[Registration]] = {}
    for reg in catalogue(event=registration.event).exclude(organisation=registration.organisation_id):
        for p in reg.profiles.all():
            others.setdefault(p.reference, []).append(reg)
    best: dict[int, Suggestion] = {}
    for found in _matches_of(registration):
        for item in found:
            for reg in others.get(item.obj.reference, []):
                score = round(item.match.score, 1)
                if reg.pk not in best or best[reg.pk].score < score:
                    best[reg.pk] = Suggestion(reg, score, item.obj.display_title)
    return sorted(best.values(), key=lambda s: (-s.score, s.registration.name))[:top]


def _matches_of(registration: Registration):
    """Docking-engine matches for each profile brought, or for the event-specific description alone."""
    from techbridge.docking import matches

    profiles = list(registration.profiles.filter(status="published"))
    queries = [lambda p=p: matches.matches_for_profile(p, top=50) for p in profiles]
    if not profiles and registration.description.strip():
        queries.append(lambda: matches.matches_for_idea(registration.description, target="partners", top=50))
    for query in queries:
        try:
            yield query()
        except matches.QueryError:
            continue
