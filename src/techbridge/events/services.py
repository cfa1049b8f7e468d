"""Writes of events: create, register, meeting requests and decisions, on-site changes, outcomes, hand-over.

Every refusal is a PermissionDenied; every bad input a ValidationError naming the field.
"""

from __future__ import annotations

from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.events import rules, timeplan
from techbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    Registration,
    RequestStatus,
)

EVENT_FIELDS = [
    "title",
    "venue",
    "time_zone",
    "start_date",
    "days",
    "sessions",
    "slot_minutes",
    "tables",
    "virtual",
    "description",
    "request_deadline",
    "max_requests",
    "max_meetings",
    "require_all",
    "registration_open",
]


def _check_plan(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if not (event.title or "").strip():
        errors["title"] = [_("Give the event a title.")]
    if not (event.venue or "").strip():
        errors["venue"] = [_("Say where the event takes place.")]
    if not 1 <= (event.days or 0) <= 14:
        errors["days"] = [_("An event lasts 1 to 14 days.")]
    if not 1 <= (event.tables or 0) <= 500:
        errors["tables"] = [_("Between 1 and 500 tables.")]
    if not errors:
        try:
            timeplan.slot_times(event)
        except timeplan.PlanError as exc:
            errors[exc.field] = [str(exc)]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(*, by, data: dict) -> Event:
    """An organiser creates an event; the time plan (zone, sessions, slots) is checked at once."""
    if not rules.is_organiser(by):
        raise PermissionDenied("Only brokers and administrators organise events.")
    unknown = set(data) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("Unknown field.")]})
    event = Event(organiser=by, **data)
    _check_plan(event)
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, by, data: dict) -> Event:
    if not rules.is_organiser(by):
        raise PermissionDenied("Only brokers and administrators organise events.")
    for key, value in data.items():
        if key not in EVENT_FIELDS:
            raise ValidationError({key: [_("Unknown field.")]})
        setattr(event, key, value)
    _check_plan(event)
    event.save()
    return event


@transaction.atomic
def registration_create(
    *,
    event: Event,
    by,
    profiles=(),
    description: str = "",
    attends_virtually: bool = False,
    organisation=None,
    name: str = "",
) -> Registration:
    """A member registers themself for their organisation; an organiser may register anyone by name."""
    organiser = rules.is_organiser(by)
    if not organiser and not rules.can_register(by):
        raise PermissionDenied("Members of an organisation register for events; organisers register others.")
    if not event.registration_open and not organiser:
        raise ValidationError({"event": [_("Registration for this event is closed.")]})
    user = None
    if organisation is None or not organiser:
        organisation, user = by.organisation, by
        name = by.get_full_name() or by.username
    if organisation is None:
        raise ValidationError({"organisation": [_("Choose the organisation the participant represents.")]})
    if user is not None and Registration.objects.filter(event=event, user=user).exists():
        raise ValidationError({"user": [_("You are already registered for this event.")]})
    profiles = list(profiles)
    errors: dict[str, list[str]] = {}
    if any(p.organisation_id != organisation.pk or p.status != "published" for p in profiles):
        errors["profiles"] = [_("Choose published profiles of your own organisation.")]
    description = (description or "").strip()
    if len(description) > 1000:
        errors["description"] = [_("At most 1000 characters.")]
    if not profiles and not description:
        errors["profiles"] = [_("Bring at least one profile or describe what you offer or seek.")]
    if not (name or "").strip():
        errors["name"] = [_("Give the participant's name.")]
    if attends_virtually and not event.virtual:
        errors["attends_virtually"] = [_("This event has no virtual meetings.")]
    if errors:
        raise ValidationError(errors)
    reg = Registration.objects.create(
        event=event,
        organisation=organisation,
        user=user,
        name=name.strip()[:200],
        description=description,
        attends_virtually=attends_virtually,
    )
    reg.profiles.set(profiles)
    return reg


def _sender(event: Event, by, requester: Registration | None) -> Registration:
    if requester is not None and rules.is_organiser(by):
        return requester
    mine = Registration.objects.filter(event=event, user=by).first() if by.is_authenticated else None
    if mine is None:
        raise PermissionDenied("Register for the event before requesting meetings.")
    return mine


@transaction.atomic
def request_send(
    *, event: Event, by, recipient: Registration, message: str = "", requester: Registration | None = None
) -> MeetingRequest:
    """Ask another participant for a meeting: before the deadline, within the cap, once per pair."""
    sender = _sender(event, by, requester)
    if recipient.event_id != event.pk:
        raise ValidationError({"recipient": [_("This participant is not registered for this event.")]})
    if event.request_deadline and timezone.now() > event.request_deadline and not rules.is_organiser(by):
        when = timezone.localtime(event.request_deadline).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(
            {
                "request_deadline": [
                    _("The deadline for meeting requests (%(when)s) has passed.") % {"when": when}
                ]
            }
        )
    if recipient.pk == sender.pk:
        raise ValidationError({"recipient": [_("You cannot request a meeting with yourself.")]})
    if recipient.organisation_id == sender.organisation_id:
        raise ValidationError({"recipient": [_("This participant is from your own organisation.")]})
    if MeetingRequest.objects.filter(requester=sender, recipient=recipient).exists():
        raise ValidationError(
            {
                "recipient": [
                    _("You have already requested a meeting with %(name)s.") % {"name": recipient.name}
                ]
            }
        )
    if MeetingRequest.objects.filter(requester=recipient, recipient=sender).exists():
        raise ValidationError(
            {
                "recipient": [
                    _("%(name)s has already requested a meeting with you; answer that request.")
                    % {"name": recipient.name}
                ]
            }
        )
    if sender.requests_sent.count() >= event.max_requests:
        raise ValidationError(
            {
                "max_requests": [
                    _("You have sent the maximum of %(n)s meeting requests.") % {"n": event.max_requests}
                ]
            }
        )
    if len(message or "") > 1000:
        raise ValidationError({"message": [_("At most 1000 characters.")]})
    return MeetingRequest.objects.create(
        event=event, requester=sender, recipient=recipient, message=(message or "").strip()
    )


@transaction.atomic
def request_decide(*, meeting_request: MeetingRequest, by, accept: bool) -> MeetingRequest:
    """The recipient (or an organiser) accepts or declines; acceptance creates the meeting to schedule."""
    req = (
        MeetingRequest.objects.select_for_update()
        .select_related("event", "requester", "recipient")
        .get(pk=meeting_request.pk)
    )
    if not (rules.is_organiser(by) or rules.is_participant(by, req.recipient)):
        raise PermissionDenied("Only the invited participant or an organiser decides on this request.")
    if req.status != RequestStatus.PENDING:
        raise ValidationError(
            {
                "status": [
                    _("This request is already %(status)s.") % {"status": req.get_status_display().lower()}
                ]
            }
        )
    req.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    req.decided_at = timezone.now()
    req.save()
    if accept:
        virtual = req.event.virtual and (req.requester.attends_virtually or req.recipient.attends_virtually)
        Meeting.objects.create(event=req.event, request=req, virtual=virtual)
    return req


def _organiser(by) -> None:
    if not rules.is_organiser(by):
        raise PermissionDenied("Only the event's organisers do this.")


def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    """Either participant or an organiser cancels; the slot is freed at the next rescheduling."""
    if not rules.can_act_on_meeting(by, meeting):
        raise PermissionDenied("Only the participants or an organiser cancel a meeting.")
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            {
                "status": [
                    _("This meeting is already %(status)s.")
                    % {"status": meeting.get_status_display().lower()}
                ]
            }
        )
    if meeting.locked:
        raise ValidationError({"locked": [_("Unlock the meeting before cancelling it.")]})
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    return meeting


def meeting_lock(*, meeting: Meeting, by, locked: bool) -> Meeting:
    """A locked meeting keeps its slot and table in every later (re)scheduling."""
    _organiser(by)
    if locked and meeting.slot is None:
        raise ValidationError({"locked": [_("Only a scheduled meeting can be locked.")]})
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    return meeting


def checkin_mark(*, registration: Registration, by, present: bool = True) -> Registration:
    """On the day: check a participant in (present) or mark them as a no-show (their meetings drop out)."""
    _organiser(by)
    with transaction.atomic():
        if present:
            registration.checked_in_at = timezone.now()
            registration.no_show = False
        else:
            registration.checked_in_at = None
            registration.no_show = True
            Meeting.objects.filter(status=MeetingStatus.PLANNED).filter(
                request__requester=registration
            ).update(status=MeetingStatus.NO_SHOW, locked=False)
            Meeting.objects.filter(status=MeetingStatus.PLANNED).filter(
                request__recipient=registration
            ).update(status=MeetingStatus.NO_SHOW, locked=False)
        registration.save(update_fields=["checked_in_at", "no_show"])
    return registration


def outcome_record(*, meeting: Meeting, by, outcome: str) -> Meeting:
    """Either participant or an organiser records what came of a scheduled meeting."""
    if not rules.can_act_on_meeting(by, meeting):
        raise PermissionDenied("Only the participants or an organiser record an outcome.")
    if outcome not in Outcome.values or outcome == Outcome.NONE:
        raise ValidationError({"outcome": [_("Choose no interest, follow-up or cooperation intention.")]})
    if meeting.slot is None or meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(
            {"outcome": [_("Only a meeting that was scheduled and not cancelled has an outcome.")]}
        )
    meeting.outcome, meeting.outcome_by, meeting.outcome_at = outcome, by, timezone.now()
    meeting.save(update_fields=["outcome", "outcome_by", "outcome_at"])
    return meeting


@transaction.atomic
def meeting_hand_over(*, meeting: Meeting, by) -> Meeting:
    """Hand a promising meeting to the cooperation cases: flagged with its time, and a case is opened
    when the cases app is installed (in the same transaction: both or neither)."""
    _organiser(by)
    if meeting.outcome not in (Outcome.FOLLOW_UP, Outcome.COOPERATION):
        raise ValidationError(
            {"outcome": [_("Only meetings with a follow-up or cooperation intention are handed over.")]}
        )
    if meeting.handed_over:
        raise ValidationError({"handed_over": [_("This meeting was already handed over.")]})
    meeting.handed_over, meeting.handed_over_at = True, timezone.now()
    meeting.save(update_fields=["handed_over", "handed_over_at"])
    if django_apps.is_installed("techbridge.cases") and not meeting.cases.exists():
        from techbridge.cases.services import case_open_from_meeting

        case_open_from_meeting(meeting=meeting, by=by)
    return meeting
