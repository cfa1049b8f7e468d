"""Events through the API: the same rules as the pages for every role, errors naming the field."""

import pytest
from icalendar import Calendar

from techbridge.events.models import MeetingRequest

ROLES = ["admin", "broker", "member", "member_pl", "member_third", "evaluator", "analyst"]


def test_the_api_needs_authentication(client, event):
    assert client.get("/api/events").status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_every_role_lists_events_but_only_non_analysts_see_participants(api, event, regs, role):
    call = api(role)
    assert call("get", "/api/events").status_code == 200
    assert call("get", f"/api/events/{event.pk}").json()["title"] == "Test docking day"
    expected = 403 if role == "analyst" else 200
    assert call("get", f"/api/events/{event.pk}/registrations").status_code == expected
    stats = call("get", f"/api/events/{event.pk}/stats")
    assert stats.status_code == (200 if role in ("admin", "broker", "analyst") else 403)


def test_registration_requests_and_decisions(api, world, event):
    pl = api("member_pl")("post", f"/api/events/{event.pk}/registrations", {"profiles": ["TOPL20260101001"]})
    assert pl.status_code == 201 and pl.json()["profiles"] == ["TOPL20260101001"]
    cn = api("member")("post", f"/api/events/{event.pk}/registrations", {"description": "寻求储能"})
    assert cn.status_code == 201
    again = api("member")("post", f"/api/events/{event.pk}/registrations", {"description": "x"})
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "user"
    bad = api("member_third")("post", f"/api/events/{event.pk}/registrations", {"profiles": ["NOPE"]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "profiles"
    assert (
        api("analyst")("post", f"/api/events/{event.pk}/registrations", {"description": "x"}).status_code
        == 403
    )
    self_req = api("member")("post", f"/api/events/{event.pk}/requests", {"recipient": cn.json()["id"]})
    assert self_req.status_code == 422 and self_req.json()["detail"][0]["field"] == "recipient"
    req = api("member")("post", f"/api/events/{event.pk}/requests", {"recipient": pl.json()["id"]})
    assert req.status_code == 201
    rid = req.json()["id"]
    assert api("member")("post", f"/api/events/requests/{rid}/accept").status_code == 403
    assert api("member_pl")("post", f"/api/events/requests/{rid}/accept").json()["status"] == "accepted"
    assert api("member_pl")("post", f"/api/events/requests/{rid}/decline").status_code == 422


@pytest.mark.parametrize("role", ["member", "evaluator", "analyst"])
def test_only_organisers_run_the_schedule(api, event, meetings, role):
    assert api(role)("post", f"/api/events/{event.pk}/schedule").status_code == 403


def test_the_schedule_run_returns_a_job_and_the_agenda_follows(api, world, event, meetings, regs):
    run = api("broker")("post", f"/api/events/{event.pk}/schedule")
    assert run.status_code == 202
    job = api("broker")("get", f"/api/jobs/{run.json()['job_id']}")
    assert job.status_code == 200 and job.json()["state"] == "done"
    agenda = api("member")("get", f"/api/events/{event.pk}/agenda/{regs['member'].pk}").json()
    assert agenda["time_zone"] == "Europe/Warsaw"
    assert {i["with_name"] for i in agenda["items"]} == {"member_pl", "member_third"}
    ics = api("member")("get", f"/api/events/{event.pk}/agenda/{regs['member'].pk}/ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert len(list(Calendar.from_ical(ics.content).walk("VEVENT"))) == 2


@pytest.mark.parametrize(
    "role, expected", [("member", 200), ("broker", 200), ("member_pl", 403), ("analyst", 403)]
)
def test_an_agenda_is_for_its_participant_and_organisers(api, event, regs, role, expected):
    path = f"/api/events/{event.pk}/agenda/{regs['member'].pk}"
    assert api(role)("get", path).status_code == expected
    assert api(role)("get", path + "/ics").status_code == expected


def test_unknown_ids_give_404(api, event, regs):
    assert api("member")("get", "/api/events/9999").status_code == 404
    assert api("member")("post", f"/api/events/{event.pk}/requests", {"recipient": 9999}).status_code == 404
    assert not MeetingRequest.objects.exists()


def test_an_organiser_registers_a_named_participant_and_members_cannot_pick_an_organisation(
    api, world, event
):
    body = {"organisation": "pl-third", "name": "Dr. Ewa Nowak", "description": "Battery test lab"}
    reg = api("broker")("post", f"/api/events/{event.pk}/registrations", body)
    assert reg.status_code == 201 and reg.json()["organisation"] == "pl-third"
    unknown = api("broker")("post", f"/api/events/{event.pk}/registrations", {**body, "organisation": "nope"})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["field"] == "organisation"
    mine = api("member")("post", f"/api/events/{event.pk}/registrations", body)
    assert mine.status_code == 201 and mine.json()["organisation"] == "nb-battery"  # always their own
