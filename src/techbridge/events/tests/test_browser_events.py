"""In a real browser, an event end to end: the organiser creates it, participants register and request
meetings, the organiser runs the schedule (progress, bound and gap shown), a participant downloads the
agenda as ICS and PDF, and an outcome is recorded and handed over to the cases."""

import pytest
from icalendar import Calendar

from techbridge.conftest import PASSWORD
from techbridge.web.tests.browser import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _post_and_wait(page, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state("domcontentloaded")


def test_an_event_end_to_end(browser, live_server, world):
    from techbridge.events import services
    from techbridge.events.models import Event, Meeting

    url = live_server.url
    organiser = sign_in(browser, live_server, "broker", PASSWORD)
    organiser.goto(f"{url}/events/new/")
    organiser.fill("#id_title", "2027 China (Ningbo)-CEEC Technology Docking Conference")
    organiser.fill("#id_venue", "Ningbo International Conference and Exhibition Center")
    organiser.fill("#id_time_zone", "Europe/Warsaw")  # a satellite day in Warsaw: two time zones shown
    organiser.fill("#id_start_date", "2027-06-08")
    organiser.fill("#id_sessions", "09:00-10:00,14:00-15:00")
    organiser.fill("#id_slot_minutes", "20")
    organiser.fill("#id_tables", "2")
    organiser.check("#id_virtual")
    shot(organiser, "events-01-create")
    _post_and_wait(organiser, "button[type=submit]:has-text('Create the event')")
    organiser.wait_for_selector(".msg-success")
    event = Event.objects.get(title__startswith="2027 China (Ningbo)")

    # Two participants registered beforehand; the third one meets the Polish one already.
    u = world["users"]
    pl = services.registration_create(event=event, by=u["member_pl"], profiles=[world["published"]])
    third = services.registration_create(event=event, by=u["member_third"], description="Battery test lab")
    services.request_decide(
        meeting_request=services.request_send(event=event, by=u["member_third"], recipient=pl),
        by=u["member_pl"],
        accept=True,
    )

    member = sign_in(browser, live_server, "member", PASSWORD)
    member.goto(f"{url}/events/{event.pk}/")
    member.fill("#id_description", "寻求固态电池技术与检测合作 (solid-state batteries, testing)")
    _post_and_wait(member, "#register-form button[type=submit]")
    member.wait_for_selector("text=Your participation")
    member.goto(f"{url}/events/{event.pk}/participants/")
    shot(member, "events-02-catalogue")
    member.fill(f"#msg-{pl.pk}", "We would like to license your cells.")
    _post_and_wait(member, f"#participant-{pl.pk} button:has-text('Request a meeting')")
    member.wait_for_selector(".msg-success")
    member.fill(f"#msg-{third.pk}", "Testing of our modules?")
    _post_and_wait(member, f"#participant-{third.pk} button:has-text('Request a meeting')")

    polish = sign_in(browser, live_server, "member_pl", PASSWORD)
    polish.goto(f"{url}/events/{event.pk}/")
    _post_and_wait(polish, "button[name=decision][value=accept]")
    polish.wait_for_selector("text=Decision recorded.")
    services.request_decide(meeting_request=third.requests_received.get(), by=u["member_third"], accept=True)
    assert Meeting.objects.filter(event=event).count() == 3

    organiser.goto(f"{url}/events/{event.pk}/schedule/")
    _post_and_wait(organiser, "#run-schedule")
    organiser.wait_for_selector("#schedule-summary")
    page = organiser.inner_text("main")
    assert "Proven upper bound" in page and "Gap" in page and "0 %" in page
    assert organiser.get_attribute("[role=progressbar]", "aria-valuenow") == "100"
    assert "3 meetings placed" in page
    shot(organiser, "events-03-schedule")
    organiser.goto(f"{url}/events/{event.pk}/plan/")
    assert organiser.locator("th[scope=row]").count() == 6
    shot(organiser, "events-04-table-plan")

    me = event.registrations.get(user=u["member"])
    member.goto(f"{url}/events/{event.pk}/agenda/{me.pk}/")
    agenda_text = member.inner_text("main")
    assert "Asia/Shanghai" in agenda_text  # the platform's zone beside the event's
    from techbridge.events import timeplan

    local = {s.index: s.start for s in timeplan.slot_times(event)}
    mine = sorted(m.slot for m in Meeting.objects.filter(request__requester__user=u["member"]))
    assert f"{local[mine[0]]:%Y-%m-%d %H:%M}" in agenda_text  # shown in Warsaw time, not converted
    assert f"{local[mine[0]].astimezone(timeplan.platform_zone()):%Y-%m-%d %H:%M}" in agenda_text
    shot(member, "events-05-agenda")
    ics = member.request.get(f"{url}{member.locator('#ics-link').get_attribute('href')}")
    assert ics.headers["content-type"].startswith("text/calendar")
    items = list(Calendar.from_ical(ics.body()).walk("VEVENT"))
    assert len(items) == 2
    assert {str(i["summary"]).split(" (")[0] for i in items} == {"member_pl", "member_third"}
    planned = {m.slot for m in Meeting.objects.filter(request__requester=me)}
    # Warsaw summer time is UTC+2: slot 0 is 09:00 local = 07:00 UTC, slot 3 is 14:00 local = 12:00 UTC.
    utc_start = {0: "07:00", 1: "07:20", 2: "07:40", 3: "12:00", 4: "12:20", 5: "12:40"}
    assert sorted(f"{i.decoded('dtstart'):%H:%M}" for i in items) == sorted(utc_start[s] for s in planned)
    pdf = member.request.get(f"{url}{member.locator('#pdf-link').get_attribute('href')}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    first = Meeting.objects.filter(request__requester=me).order_by("slot").first()
    member.select_option(f"#outcome-{first.pk}", "cooperation")
    _post_and_wait(member, f"form[action$='/meetings/{first.pk}/outcome/'] button[type=submit]")
    member.wait_for_selector("text=Outcome recorded.")
    first.refresh_from_db()
    assert first.outcome == "cooperation"

    organiser.goto(f"{url}/events/{event.pk}/handovers/")
    _post_and_wait(organiser, "button[name=action][value=hand_over]")
    organiser.wait_for_selector("#handed-over >> text=Cooperation intention")
    if hasattr(Meeting, "cases"):  # with the cases app, the hand-over opened a case
        assert organiser.locator("#handed-over >> text=Open the case").count() == 1
    shot(organiser, "events-06-handed-over")
