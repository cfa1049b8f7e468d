"""API of events: list and detail, registration, meeting requests, the schedule run, agendas (JSON, ICS)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from techbridge.directory.models import Organisation
from techbridge.events import exports, rules, schedule, selectors, services
from techbridge.events.models import Event, MeetingRequest, Registration
from techbridge.marketplace.models import Profile

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    title: str
    venue: str
    time_zone: str
    start_date: dt.date
    days: int
    sessions: str
    slot_minutes: int
    tables: int
    virtual: bool
    request_deadline: dt.datetime | None
    max_requests: int
    registration_open: bool
    schedule_status: str
    schedule_weight: int | None
    schedule_bound: int | None
    gap: float | None


class RegistrationIn(Schema):
    """Members register themselves; organisers may register a named person of any organisation (its key)."""

    profiles: list[str] = []
    description: str = ""
    attends_virtually: bool = False
    organisation: str | None = None
    name: str = ""


class RegistrationOut(Schema):
    id: int
    name: str
    organisation: str
    description: str
    profiles: list[str]

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.key

    @staticmethod
    def resolve_profiles(obj) -> list[str]:
        return [p.reference for p in obj.profiles.all()]


class RequestIn(Schema):
    recipient: int
    message: str = ""


class RequestOut(Schema):
    id: int
    requester: int
    recipient: int
    status: str
    message: str

    @staticmethod
    def resolve_requester(obj) -> int:
        return obj.requester_id

    @staticmethod
    def resolve_recipient(obj) -> int:
        return obj.recipient_id


class JobOut(Schema):
    job_id: str
    state: str


class AgendaItemOut(Schema):
    meeting: int
    start: dt.datetime
    end: dt.datetime
    with_name: str
    with_organisation: str
    table: str
    virtual: bool
    outcome: str


class AgendaOut(Schema):
    event: int
    registration: int
    time_zone: str
    items: list[AgendaItemOut]


def _event(event_id: int) -> Event:
    return get_object_or_404(Event, pk=event_id)


@router.get("/events", response=list[EventOut])
def list_events(request):
    return selectors.event_list(viewer=request.user)


@router.get("/events/{event_id}", response=EventOut)
def event_detail(request, event_id: int):
    return _event(event_id)


@router.get("/events/{event_id}/registrations", response=list[RegistrationOut])
def list_registrations(request, event_id: int):
    if not rules.can_view_people(request.user):
        raise PermissionDenied("Analysts see aggregate event statistics only.")
    return selectors.catalogue(event=_event(event_id))


@router.post("/events/{event_id}/registrations", response={201: RegistrationOut})
def register(request, event_id: int, payload: RegistrationIn):
    event = _event(event_id)
    profiles = Profile.objects.filter(reference__in=[r[:24] for r in payload.profiles[:50]])
    if profiles.count() != len(set(payload.profiles)):
        raise ValidationError({"profiles": [_("Unknown profile reference.")]})
    org = None
    if payload.organisation and rules.is_organiser(request.user):
        org = Organisation.objects.filter(key=payload.organisation[:100]).first()
        if org is None:
            raise ValidationError({"organisation": [_("No organisation with this key in the directory.")]})
    reg = services.registration_create(
        event=event,
        by=request.user,
        profiles=profiles,
        description=payload.description,
        attends_virtually=payload.attends_virtually,
        organisation=org,
        name=payload.name,
    )
    return Status(201, reg)


@router.post("/events/{event_id}/requests", response={201: RequestOut})
def create_request(request, event_id: int, payload: RequestIn):
    event = _event(event_id)
    recipient = get_object_or_404(Registration, pk=payload.recipient, event=event)
    req = services.request_send(event=event, by=request.user, recipient=recipient, message=payload.message)
    return Status(201, req)


def _decide(request, request_id: int, accept: bool):
    req = get_object_or_404(MeetingRequest, pk=request_id)
    return services.request_decide(meeting_request=req, by=request.user, accept=accept)


@router.post("/events/requests/{request_id}/accept", response=RequestOut)
def accept_request(request, request_id: int):
    return _decide(request, request_id, True)


@router.post("/events/requests/{request_id}/decline", response=RequestOut)
def decline_request(request, request_id: int):
    return _decide(request, request_id, False)


@router.post("/events/{event_id}/schedule", response={202: JobOut})
def run_schedule(request, event_id: int, mode: str = "schedule"):
    """Start the (re)scheduling job; follow it at GET /api/jobs/{job_id}."""
    job = schedule.schedule_submit(event=_event(event_id), by=request.user, mode=mode)
    return Status(202, {"job_id": str(job.pk), "state": job.state})


def _registration(request, event_id: int, registration_id: int) -> Registration:
    reg = get_object_or_404(Registration.objects.select_related("event", "organisation"), pk=registration_id)
    if reg.event_id != event_id:
        raise Http404("No such registration.")
    if not rules.can_view_agenda(request.user, reg):
        raise PermissionDenied("Agendas are for their participant and the organisers.")
    return reg


@router.get("/events/{event_id}/agenda/{registration_id}", response=AgendaOut)
def agenda(request, event_id: int, registration_id: int):
    reg = _registration(request, event_id, registration_id)
    items = [
        {
            "meeting": i.meeting.pk,
            "start": i.start,
            "end": i.end,
            "with_name": i.other.name,
            "with_organisation": i.other.organisation.name,
            "table": i.meeting.table,
            "virtual": i.meeting.virtual,
            "outcome": i.meeting.outcome,
        }
        for i in selectors.agenda(registration=reg)
    ]
    return {"event": event_id, "registration": reg.pk, "time_zone": reg.event.time_zone, "items": items}


@router.get("/events/{event_id}/agenda/{registration_id}/ics")
def agenda_ics(request, event_id: int, registration_id: int):
    reg = _registration(request, event_id, registration_id)
    body = exports.agenda_ics(reg, selectors.agenda(registration=reg), host=request.get_host())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@router.get("/events/{event_id}/stats", response=dict)
def stats(request, event_id: int):
    if not rules.can_view_stats(request.user):
        raise PermissionDenied("Event statistics are for organisers and analysts.")
    return selectors.stats(event=_event(event_id))
