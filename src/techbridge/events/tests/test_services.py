"""Writes of events: the time plan is checked at creation; registrations, requests, decisions, outcomes
and hand-over refuse bad input with a message naming the field."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from techbridge.events import services
from techbridge.events.models import Event, Meeting

GOOD = {
    "title": "Ningbo-CEEC docking",
    "venue": "Ningbo International Conference Center",
    "time_zone": "Asia/Shanghai",
    "start_date": dt.date(2027, 6, 8),
    "days": 2,
    "sessions": "09:00-12:00,14:00-17:00",
    "slot_minutes": 30,
    "tables": 5,
}


def _field(exc) -> set[str]:
    return set(exc.value.message_dict)


def test_an_organiser_creates_an_event(world):
    event = services.event_create(by=world["users"]["broker"], data=GOOD)
    assert event.organiser == world["users"]["broker"]


@pytest.mark.parametrize("role", ["member", "evaluator", "analyst"])
def test_only_organisers_create_events(world, role):
    with pytest.raises(PermissionDenied):
        services.event_create(by=world["users"][role], data=GOOD)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"sessions": "9-12"}, "sessions"),
        ({"sessions": "14:00-12:00"}, "sessions"),
        ({"sessions": "09:00-12:00,11:00-13:00"}, "sessions"),
        ({"slot_minutes": 400}, "slot_minutes"),
        ({"days": 0}, "days"),
        ({"tables": 0}, "tables"),
        ({"title": " "}, "title"),
    ],
)
def test_it_rejects_a_bad_time_plan_naming_the_field(world, change, field):
    with pytest.raises(ValidationError) as exc:
        services.event_create(by=world["users"]["broker"], data={**GOOD, **change})
    assert field in _field(exc)


def test_a_member_registers_for_their_organisation_with_its_published_profiles(world, event):
    reg = services.registration_create(
        event=event, by=world["users"]["member_pl"], profiles=[world["published"]]
    )
    assert (reg.organisation, reg.user, list(reg.profiles.all())) == (
        world["orgs"]["polish"],
        world["users"]["member_pl"],
        [world["published"]],
    )


def test_it_rejects_another_organisations_profile_and_an_empty_registration(world, event):
    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, by=world["users"]["member"], profiles=[world["published"]])
    assert "profiles" in _field(exc)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, by=world["users"]["member"])
    assert "profiles" in _field(exc)


def test_it_rejects_a_second_registration(world, event, regs):
    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, by=world["users"]["member"], description="again")
    assert "user" in _field(exc)


@pytest.mark.parametrize("role", ["evaluator", "analyst"])
def test_only_members_register_themselves(world, event, role):
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, by=world["users"][role], description="x")


def test_an_organiser_registers_a_named_participant(world, event):
    reg = services.registration_create(
        event=event,
        by=world["users"]["broker"],
        organisation=world["orgs"]["third"],
        name="Dr. Ewa Nowak",
        description="Battery testing",
    )
    assert reg.user is None and reg.name == "Dr. Ewa Nowak"


def test_it_rejects_requests_to_oneself_to_colleagues_and_duplicates(world, event, regs):
    u = world["users"]
    with pytest.raises(ValidationError) as exc:
        services.request_send(event=event, by=u["member"], recipient=regs["member"])
    assert "recipient" in _field(exc)
    services.request_send(event=event, by=u["member"], recipient=regs["member_pl"])
    with pytest.raises(ValidationError) as exc:
        services.request_send(event=event, by=u["member"], recipient=regs["member_pl"])
    assert "already requested" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.request_send(event=event, by=u["member_pl"], recipient=regs["member"])
    assert "answer that request" in str(exc.value)


def test_it_rejects_requests_after_the_deadline(world, event, regs):
    Event.objects.filter(pk=event.pk).update(request_deadline=timezone.now() - dt.timedelta(hours=1))
    event.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.request_send(event=event, by=world["users"]["member"], recipient=regs["member_pl"])
    assert "request_deadline" in _field(exc)


def test_it_rejects_requests_over_the_cap(world, event, regs):
    Event.objects.filter(pk=event.pk).update(max_requests=1)
    event.refresh_from_db()
    services.request_send(event=event, by=world["users"]["member"], recipient=regs["member_pl"])
    with pytest.raises(ValidationError) as exc:
        services.request_send(event=event, by=world["users"]["member"], recipient=regs["member_third"])
    assert "max_requests" in _field(exc)


def test_unregistered_users_cannot_request(world, event, regs):
    with pytest.raises(PermissionDenied):
        services.request_send(event=event, by=world["users"]["evaluator"], recipient=regs["member"])


def test_only_the_recipient_decides_and_only_once(world, event, regs):
    u = world["users"]
    req = services.request_send(event=event, by=u["member"], recipient=regs["member_pl"])
    with pytest.raises(PermissionDenied):
        services.request_decide(meeting_request=req, by=u["member_third"], accept=True)
    services.request_decide(meeting_request=req, by=u["member_pl"], accept=False)
    assert not Meeting.objects.filter(request=req).exists()
    with pytest.raises(ValidationError) as exc:
        services.request_decide(meeting_request=req, by=u["member_pl"], accept=True)
    assert "status" in _field(exc)


def test_a_virtual_participant_gets_a_virtual_meeting(world, event):
    u = world["users"]
    a = services.registration_create(event=event, by=u["member"], description="x", attends_virtually=True)
    b = services.registration_create(event=event, by=u["member_pl"], description="y")
    req = services.request_send(event=event, by=u["member_pl"], recipient=a)
    services.request_decide(meeting_request=req, by=u["member"], accept=True)
    assert req.meeting.virtual is True
    assert b.attends_virtually is False


def test_outcomes_and_hand_over(world, event, meetings):
    u = world["users"]
    meeting = meetings[0]
    with pytest.raises(ValidationError) as exc:  # not scheduled yet
        services.outcome_record(meeting=meeting, by=u["member"], outcome="follow_up")
    assert "outcome" in _field(exc)
    Meeting.objects.filter(pk=meeting.pk).update(slot=0, table="T1")
    meeting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.outcome_record(meeting=meeting, by=u["member_third"], outcome="follow_up")
    with pytest.raises(ValidationError) as exc:
        services.outcome_record(meeting=meeting, by=u["member"], outcome="maybe")
    assert "outcome" in _field(exc)
    with pytest.raises(ValidationError):
        services.meeting_hand_over(meeting=meeting, by=u["broker"])  # no promising outcome yet
    services.outcome_record(meeting=meeting, by=u["member_pl"], outcome="cooperation")
    with pytest.raises(PermissionDenied):
        services.meeting_hand_over(meeting=meeting, by=u["member"])
    services.meeting_hand_over(meeting=meeting, by=u["broker"])
    meeting.refresh_from_db()
    assert meeting.handed_over and meeting.handed_over_at is not None
    if hasattr(meeting, "cases"):  # the cases app is installed: the hand-over opened a case
        case = meeting.cases.get()
        assert {p.organisation for p in case.parties.all()} == {
            world["orgs"]["ningbo"],
            world["orgs"]["polish"],
        }
    with pytest.raises(ValidationError) as exc:
        services.meeting_hand_over(meeting=meeting, by=u["broker"])
    assert "handed_over" in _field(exc)


def test_a_locked_meeting_cannot_be_cancelled_and_only_organisers_lock(world, event, meetings):
    u = world["users"]
    meeting = meetings[0]
    with pytest.raises(ValidationError) as exc:
        services.meeting_lock(meeting=meeting, by=u["broker"], locked=True)  # not scheduled yet
    assert "locked" in _field(exc)
    Meeting.objects.filter(pk=meeting.pk).update(slot=1, table="T2")
    meeting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.meeting_lock(meeting=meeting, by=u["member"], locked=True)
    services.meeting_lock(meeting=meeting, by=u["broker"], locked=True)
    with pytest.raises(ValidationError) as exc:
        services.meeting_cancel(meeting=meeting, by=u["member"])
    assert "locked" in _field(exc)
