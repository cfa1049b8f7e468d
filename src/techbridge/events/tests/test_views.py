"""Event pages for every role, allowed and denied; bad input is explained on the page, never a 500."""

import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from techbridge.events import schedule
from techbridge.events.models import Event, Meeting, MeetingRequest

ROLES = ["admin", "broker", "member", "member_pl", "member_third", "evaluator", "analyst"]
ORGANISERS = {"admin", "broker"}


def _status(login, user, url, method="get", data=None):
    client = login(user)
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_sees_the_event_list_and_detail(world, event, login, role):
    assert _status(login, world["users"][role], reverse("event-list")) == 200
    assert _status(login, world["users"][role], reverse("event-detail", args=[event.pk])) == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    assert client.get(reverse("event-list")).status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_catalogue_and_suggestions_are_personal_data_not_for_analysts(world, event, regs, login, role):
    expected = 403 if role == "analyst" else 200
    assert _status(login, world["users"][role], reverse("event-catalogue", args=[event.pk])) == expected
    assert _status(login, world["users"][role], reverse("event-suggestions", args=[event.pk])) == expected


@pytest.mark.parametrize("role", ROLES)
def test_organiser_pages(world, event, login, role):
    expected = 200 if role in ORGANISERS else 403
    for name in ("event-schedule", "event-plan", "event-handovers", "event-edit"):
        assert _status(login, world["users"][role], reverse(name, args=[event.pk])) == expected, name
    assert _status(login, world["users"][role], reverse("event-create")) == expected


@pytest.mark.parametrize("role", ROLES)
def test_statistics_are_for_organisers_and_analysts(world, event, regs, login, role):
    expected = 200 if role in ORGANISERS | {"analyst"} else 403
    assert _status(login, world["users"][role], reverse("event-stats", args=[event.pk])) == expected


@pytest.mark.parametrize("role", ROLES)
def test_an_agenda_is_for_its_participant_and_the_organisers(world, event, regs, login, role):
    reg = regs["member_pl"]
    expected = 200 if role in ORGANISERS | {"member_pl"} else 403
    for name in ("event-agenda", "event-agenda-ics", "event-agenda-pdf"):
        assert _status(login, world["users"][role], reverse(name, args=[event.pk, reg.pk])) == expected, name


@pytest.mark.parametrize("role", ["member", "evaluator", "analyst"])
def test_non_organisers_cannot_run_the_schedule_or_check_in(world, event, meetings, regs, login, role):
    client = login(world["users"][role])
    assert client.post(reverse("event-schedule-run", args=[event.pk])).status_code == 403
    assert client.post(reverse("event-checkin", args=[regs["member"].pk])).status_code == 403
    m = meetings[0]
    assert client.post(reverse("event-meeting-action", args=[m.pk]), {"action": "lock"}).status_code == 403


def test_an_organiser_creates_an_event_through_the_form(world, login):
    client = login(world["users"]["broker"])
    data = {
        "title": "Docking",
        "venue": "Ningbo",
        "time_zone": "Asia/Shanghai",
        "start_date": "2027-06-08",
        "days": 1,
        "sessions": "09:00-12:00",
        "slot_minutes": 20,
        "tables": 3,
        "max_requests": 5,
        "registration_open": "on",
    }
    response = client.post(reverse("event-create"), data)
    assert response.status_code == 302
    bad = client.post(reverse("event-create"), {**data, "time_zone": "Nowhere/Land", "sessions": "x"})
    assert bad.status_code == 200
    assert "Unknown time zone" in bad.content.decode()


def test_a_member_registers_requests_and_the_other_accepts_through_the_pages(world, event, login):
    u = world["users"]
    client = login(u["member_pl"])
    response = client.post(
        reverse("event-detail", args=[event.pk]), {"profiles": [world["published"].reference]}
    )
    assert response.status_code == 302
    empty = login(u["member"]).post(reverse("event-detail", args=[event.pk]), {"description": ""})
    assert "Bring at least one profile" in empty.content.decode()
    login(u["member"]).post(reverse("event-detail", args=[event.pk]), {"description": "电池"})
    pl = event.registrations.get(user=u["member_pl"])
    client = login(u["member"])
    client.post(reverse("event-request-create", args=[event.pk]), {"recipient": pl.pk, "message": "Hello"})
    twice = client.post(reverse("event-request-create", args=[event.pk]), {"recipient": pl.pk}, follow=True)
    assert "recipient: You have already requested" in twice.content.decode()
    req = MeetingRequest.objects.get(recipient=pl)
    denied = client.post(reverse("event-request-decide", args=[req.pk]), {"decision": "accept"})
    assert denied.status_code == 403
    login(u["member_pl"]).post(reverse("event-request-decide", args=[req.pk]), {"decision": "accept"})
    assert Meeting.objects.filter(request=req).exists()


def test_the_schedule_page_shows_bound_gap_and_explains_conflicts(world, event, meetings, login):
    client = login(world["users"]["broker"])
    client.post(reverse("event-schedule-run", args=[event.pk]))
    page = client.get(reverse("event-schedule", args=[event.pk])).content.decode()
    assert "Proven upper bound" in page and "Gap" in page and "Done" in page
    Event.objects.filter(pk=event.pk).update(require_all=True, max_meetings=1)
    client.post(reverse("event-schedule-run", args=[event.pk]))
    page = client.get(reverse("event-schedule", args=[event.pk])).content.decode()
    assert "cannot be scheduled" in page
    ningbo = meetings[0].request.requester_id
    assert f"'p{ningbo}'" not in page  # the core's ids are replaced by names in its message
    assert "Participants: member (Ningbo Battery Tech)" in page
    assert "Meetings: member – member_pl; member – member_third" in page


def test_the_ics_and_pdf_agendas_carry_the_scheduled_meetings(world, event, meetings, regs, login):
    schedule.schedule_compute(event, time_limit=5)
    client = login(world["users"]["member"])
    reg = regs["member"]
    ics = client.get(reverse("event-agenda-ics", args=[event.pk, reg.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    items = [c for c in Calendar.from_ical(ics.content).walk("VEVENT")]
    assert len(items) == 2
    slots = {m.pk: Meeting.objects.get(pk=m.pk).slot for m in meetings}
    # Slot 0 is 09:00 Warsaw summer time = 07:00 UTC; slot 3 is 14:00 = 12:00 UTC.
    utc_start = {0: "07:00", 1: "07:20", 2: "07:40", 3: "12:00", 4: "12:20", 5: "12:40"}
    assert sorted(f"{i.decoded('dtstart'):%H:%M}" for i in items) == sorted(
        utc_start[s] for s in slots.values()
    )
    assert {str(i["summary"]).split(" (")[0] for i in items} == {"member_pl", "member_third"}
    pdf = client.get(reverse("event-agenda-pdf", args=[event.pk, reg.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = _pdf_text(pdf.content)
    if text is not None:
        assert "Test docking day" in text and "Kraków Storage" in text


def _pdf_text(data: bytes) -> str | None:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        return None
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


def test_the_pdf_prints_chinese_names(world, event, meetings, login):
    from techbridge.events import exports, selectors

    schedule.schedule_compute(event, time_limit=5)
    reg = meetings[0].request.recipient  # the Polish member meets the Ningbo member (宁波电池科技有限公司)
    pdf = exports.agenda_pdf(reg, selectors.agenda(registration=reg), "Asia/Shanghai")
    text = _pdf_text(pdf)
    if text is None:
        pytest.skip("pdftotext is not installed")
    assert "宁波电池科技有限公司" in text
    assert io.BytesIO(pdf).read(4) == b"%PDF"


def test_the_table_plan_lists_every_slot_and_the_meetings(world, event, meetings, login):
    schedule.schedule_compute(event, time_limit=5)
    page = login(world["users"]["broker"]).get(reverse("event-plan", args=[event.pk])).content.decode()
    assert page.count('<th scope="row">') == 6
    assert "member_third" in page


def test_bad_ids_and_decisions_give_404_or_a_message_never_500(world, event, regs, login):
    client = login(world["users"]["member"])
    assert (
        client.post(reverse("event-request-create", args=[event.pk]), {"recipient": "x"}).status_code == 404
    )
    assert client.get(reverse("event-agenda", args=[event.pk, 99999])).status_code == 404
    assert client.get("/events/99999/").status_code == 404
    req = MeetingRequest.objects.create(event=event, requester=regs["member_pl"], recipient=regs["member"])
    page = client.post(reverse("event-request-decide", args=[req.pk]), {"decision": "maybe"}, follow=True)
    assert "decision: choose accept or decline" in page.content.decode()


def test_an_organiser_registers_a_walk_in_and_members_cannot(world, event, login):
    url = reverse("event-register-participant", args=[event.pk])
    data = {"organisation": "pl-third", "name": "Dr. Ewa Nowak", "description": "Battery tests"}
    assert login(world["users"]["member"]).post(url, data).status_code == 403
    page = login(world["users"]["broker"]).post(url, {**data, "organisation": "nope"}, follow=True)
    assert "organisation: No organisation with this key" in page.content.decode()
    login(world["users"]["broker"]).post(url, data)
    assert event.registrations.get().name == "Dr. Ewa Nowak"


def test_the_registration_form_is_hidden_when_registration_is_closed(world, event, login):
    Event.objects.filter(pk=event.pk).update(registration_open=False)
    page = login(world["users"]["member"]).get(reverse("event-detail", args=[event.pk])).content.decode()
    assert "register-form" not in page


def test_the_organiser_locks_cancels_and_reschedules_through_the_page(world, event, meetings, login):
    client = login(world["users"]["broker"])
    client.post(reverse("event-schedule-run", args=[event.pk]))
    first, second = meetings
    client.post(reverse("event-meeting-action", args=[first.pk]), {"action": "lock"})
    client.post(reverse("event-meeting-action", args=[second.pk]), {"action": "cancel"})
    client.post(reverse("event-schedule-run", args=[event.pk]), {"mode": "reschedule"})
    page = client.get(reverse("event-schedule", args=[event.pk])).content.decode()
    assert 'Meetings moved by the last rescheduling</dt><dd id="moved">0</dd>' in page
    assert Meeting.objects.get(pk=first.pk).locked
    bad = client.post(reverse("event-meeting-action", args=[first.pk]), {"action": "explode"}, follow=True)
    assert "action: Choose lock, unlock, cancel or hand over." in bad.content.decode()


def test_the_organiser_edits_the_event_and_a_bad_session_is_refused(world, event, login):
    client = login(world["users"]["broker"])
    page = client.get(reverse("event-edit", args=[event.pk])).content.decode()
    assert 'value="Test docking day"' in page
    data = {
        "title": "Renamed",
        "venue": "Warsaw Expo",
        "time_zone": "Europe/Warsaw",
        "start_date": "2027-05-10",
        "days": 1,
        "sessions": "09:00-10:00",
        "slot_minutes": 20,
        "tables": 4,
        "max_requests": 3,
    }
    assert client.post(reverse("event-edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.tables) == ("Renamed", 4)
    bad = client.post(reverse("event-edit", args=[event.pk]), {**data, "sessions": "10:00-09:00"})
    assert "A session must end after it starts" in bad.content.decode()


def test_the_pages_render_in_chinese(world, event, meetings, regs, login):
    schedule.schedule_compute(event, time_limit=5)
    client = login(world["users"]["broker"])
    client.cookies["techbridge_language"] = "zh-hans"
    for name, args in [
        ("event-list", []),
        ("event-detail", [event.pk]),
        ("event-catalogue", [event.pk]),
        ("event-schedule", [event.pk]),
        ("event-plan", [event.pk]),
        ("event-agenda", [event.pk, regs["member"].pk]),
        ("event-stats", [event.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert 'lang="zh-hans"' in response.content.decode()


def test_a_participant_cancels_their_meeting_from_the_agenda_and_others_cannot(world, event, meetings, login):
    schedule.schedule_compute(event, time_limit=5)
    meeting = meetings[0]
    url = reverse("event-meeting-action", args=[meeting.pk])
    assert login(world["users"]["member_third"]).post(url, {"action": "cancel"}).status_code == 403
    response = login(world["users"]["member_pl"]).post(url, {"action": "cancel"})
    assert response.url == reverse("event-detail", args=[event.pk])
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
