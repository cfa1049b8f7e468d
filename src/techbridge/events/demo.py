"""Demo events: a past docking conference with outcomes and an upcoming one with ~40 participants,
meeting requests and a computed schedule. Call after the directory/marketplace demo (`demo_load`).

Participants are demo directory Persons (a name and their organisation, no sign-in) plus the demo
member users ("member", "member-pl", "member-cz") when they exist, so they see their own agendas.
Idempotent: an event whose title exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from techbridge.accounts.models import User
from techbridge.directory.models import Organisation, Person
from techbridge.events import services
from techbridge.events.models import Event, Meeting, MeetingStatus, Outcome, Registration
from techbridge.events.schedule import schedule_compute
from techbridge.marketplace.models import Profile

UPCOMING = "2027 China (Ningbo)-CEEC Technology Docking Conference"
PAST = "2026 Ningbo-CEEC Technology Docking Day"
DEMO_MEMBERS = ("member", "member-pl", "member-cz")


def events_demo_load(*, seed: int = 2026, time_limit: float = 10.0) -> dict[str, int]:
    """Create both demo events (skipping any that exist); returns counts of what was created."""
    organiser = User.objects.filter(role="broker").order_by("pk").first()
    counts = {"events": 0, "registrations": 0, "meetings": 0}
    rng = random.Random(seed)
    specs = [
        (PAST, dt.date(2026, 6, 10), 1, 20, 8, True),
        (UPCOMING, dt.date(2027, 6, 8), 2, 40, 15, False),
    ]
    for title, start, days, size, tables, past in specs:
        if Event.objects.filter(title=title).exists():
            continue
        event = _event(title, start, days, tables, organiser, past)
        regs = _register(event, organiser, size, rng)
        if past:
            Event.objects.filter(pk=event.pk).update(registration_open=False)
        _request(event, organiser, regs, rng, per_participant=3 if past else 4)
        schedule_compute(event, time_limit=time_limit)
        if past:
            _after(event, organiser, rng)
        counts["events"] += 1
        counts["registrations"] += len(regs)
        counts["meetings"] += Meeting.objects.filter(event=event, slot__isnull=False).count()
    return counts


def _event(title, start, days, tables, organiser, past) -> Event:
    return Event.objects.create(
        title=title,
        venue="Ningbo International Conference and Exhibition Center",
        time_zone="Asia/Shanghai",
        start_date=start,
        days=days,
        sessions="09:00-12:00,14:00-17:00",
        slot_minutes=20,
        tables=tables,
        virtual=not past,
        description="Pre-arranged one-to-one meetings between Ningbo and CEEC enterprises, universities and "
        "institutes: technology offers and requests from the TechBridge marketplace.",
        max_requests=8,
        registration_open=True,  # closed for the past event once its participants are in
        organiser=organiser,
        is_demo=True,
    )


def _people(size: int, rng: random.Random) -> list[tuple[Organisation, str]]:
    """One person per organisation, half Chinese and half CEE where the demo data allows."""
    seen: set[int] = set()
    chinese, cee = [], []
    people = Person.objects.filter(is_demo=True, organisation__isnull=False).select_related("organisation")
    for person in people.order_by("key"):
        org = person.organisation
        if org.pk in seen:
            continue
        seen.add(org.pk)
        (chinese if org.country_id == "CN" else cee).append((org, person.full_name))
    for org in (
        Organisation.objects.filter(is_demo=True, profiles__status="published").distinct().order_by("key")
    ):
        if org.pk not in seen:  # firms without a directory person send a delegate
            seen.add(org.pk)
            (chinese if org.country_id == "CN" else cee).append((org, f"{org.name_en or org.name} delegate"))
    rng.shuffle(chinese)
    rng.shuffle(cee)
    half = size // 2
    return chinese[: size - min(half, len(cee))] + cee[:half]


@transaction.atomic
def _register(event: Event, organiser, size: int, rng: random.Random) -> list[Registration]:
    regs = []
    users = [u for u in User.objects.filter(username__in=DEMO_MEMBERS) if u.organisation_id]
    taken = {u.organisation_id for u in users}
    for user in users:
        regs.append(_one(event, user, user.organisation, user.get_full_name() or user.username, user=user))
    for org, name in _people(size - len(regs), rng):
        if org.pk not in taken:
            taken.add(org.pk)
            regs.append(_one(event, organiser, org, name))
    return regs


def _one(event, by, org, name, user=None) -> Registration:
    profiles = list(Profile.objects.filter(organisation=org, status="published").order_by("reference")[:2])
    description = "" if profiles else f"{org.name_en or org.name}: looking for partners at the event."
    if user is not None:
        return services.registration_create(event=event, by=user, profiles=profiles, description=description)
    return services.registration_create(
        event=event, by=by, organisation=org, name=name, profiles=profiles, description=description
    )


@transaction.atomic
def _request(event, organiser, regs: list[Registration], rng: random.Random, per_participant: int) -> None:
    """Chinese participants ask CEE ones and the reverse; about four in five requests are accepted."""
    for reg in regs:
        others = [
            r for r in regs if (r.organisation.country_id == "CN") != (reg.organisation.country_id == "CN")
        ]
        for other in rng.sample(others, min(per_participant, len(others))):
            if event.requests.filter(requester__in=(reg, other), recipient__in=(reg, other)).exists():
                continue
            req = services.request_send(event=event, by=organiser, recipient=other, requester=reg)
            services.request_decide(meeting_request=req, by=organiser, accept=rng.random() < 0.8)


def _after(event: Event, organiser, rng: random.Random) -> None:
    """The past event: everyone checked in but one no-show, outcomes recorded, promising ones handed over."""
    regs = list(event.registrations.order_by("pk"))
    for reg in regs[:-1]:
        services.checkin_mark(registration=reg, by=organiser, present=True)
    services.checkin_mark(registration=regs[-1], by=organiser, present=False)
    weights = [(Outcome.NO_INTEREST, 0.45), (Outcome.FOLLOW_UP, 0.4), (Outcome.COOPERATION, 0.15)]
    scheduled = Meeting.objects.filter(event=event, status=MeetingStatus.PLANNED, slot__isnull=False)
    for meeting in scheduled.select_related("request__requester", "request__recipient"):
        outcome = rng.choices([o for o, _ in weights], [w for _, w in weights])[0]
        services.outcome_record(meeting=meeting, by=organiser, outcome=outcome)
        if outcome == Outcome.COOPERATION:
            services.meeting_hand_over(meeting=meeting, by=organiser)
