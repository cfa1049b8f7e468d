"""Fixtures of events' tests: an event over the `world` fixture with registrations of three organisations."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def event(world):
    """A one-day event in Warsaw (two sessions of three 20-minute slots), two tables, virtual option."""
    from techbridge.events.models import Event

    return Event.objects.create(
        title="Test docking day",
        venue="Warsaw Expo",
        time_zone="Europe/Warsaw",
        start_date=dt.date(2027, 5, 10),
        days=1,
        sessions="09:00-10:00,14:00-15:00",
        slot_minutes=20,
        tables=2,
        virtual=True,
        max_requests=3,
        organiser=world["users"]["broker"],
    )


@pytest.fixture
def regs(world, event):
    """The three members registered: Ningbo (no profile, a description), Polish (its offer), third."""
    from techbridge.events import services

    u = world["users"]
    return {
        "member": services.registration_create(
            event=event, by=u["member"], description="Battery management technology sought"
        ),
        "member_pl": services.registration_create(
            event=event, by=u["member_pl"], profiles=[world["published"]]
        ),
        "member_third": services.registration_create(
            event=event, by=u["member_third"], description="Lab tests"
        ),
    }


@pytest.fixture
def meetings(world, event, regs):
    """Ningbo asked Polish and third; both accepted: two meetings to schedule."""
    from techbridge.events import services

    u = world["users"]
    out = []
    for other in ("member_pl", "member_third"):
        req = services.request_send(event=event, by=u["member"], recipient=regs[other])
        services.request_decide(meeting_request=req, by=u[other], accept=True)
        out.append(req.meeting)
    return out
