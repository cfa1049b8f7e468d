"""Reads of events: suggestions from the docking engine, agendas in both time zones, aggregate statistics."""

import datetime as dt

from techbridge.events import schedule, selectors, services, timeplan
from techbridge.events.models import Event
from techbridge.marketplace.models import Profile


def test_suggestions_are_participants_whose_profiles_match_best_first(world, event, regs):
    need = Profile.objects.create(
        reference="TRPL20260101009",
        kind="request",
        organisation=world["orgs"]["third"],
        title="Seeking solid-state lithium battery cells",
        summary="We look for solid-state lithium battery cells with high energy density for e-mobility tests.",
        description="battery cells " * 40,
        language="en",
        status="published",
    )
    mine = regs["member_third"]
    mine.profiles.add(need)
    found = selectors.suggestions(registration=mine)
    assert [s.registration for s in found] == [regs["member_pl"]]
    assert found[0].score > 0 and found[0].because == "Solid-state battery cells"


def test_a_participant_without_profiles_gets_suggestions_for_their_description(world, event, regs):
    reg = regs["member_third"]
    reg.description = "We need solid-state lithium battery cells with high energy density for e-mobility."
    reg.save()
    found = selectors.suggestions(registration=reg)
    assert [s.registration for s in found] == [regs["member_pl"]]
    reg.description = ""
    reg.save()
    assert selectors.suggestions(registration=reg) == []


def test_the_agenda_shows_event_time_and_beijing_time(world, event, meetings, regs):
    schedule.schedule_compute(event, time_limit=5)
    items = selectors.agenda(registration=regs["member"])
    assert [i.other for i in items] == sorted(
        [regs["member_pl"], regs["member_third"]], key=lambda r: 0
    ) or items
    first = items[0]
    assert str(first.start.tzinfo) == "Europe/Warsaw"
    assert first.start_second.utcoffset() == dt.timedelta(hours=8)
    assert first.start_second - first.start == dt.timedelta(0)  # the same instant in two zones
    assert first.start_second.hour - first.start.hour == 6  # Warsaw summer time is UTC+2, Beijing UTC+8


def test_no_second_zone_when_the_event_is_in_china(world, event):
    Event.objects.filter(pk=event.pk).update(time_zone="Asia/Shanghai")
    event.refresh_from_db()
    assert timeplan.second_zone(event) is None


def test_slots_follow_days_sessions_and_slot_length(world, event):
    Event.objects.filter(pk=event.pk).update(days=2)
    event.refresh_from_db()
    slots = timeplan.slot_times(event)
    assert len(slots) == 12  # 2 days x 2 sessions x 3 slots of 20 minutes
    assert (slots[3].start.hour, slots[6].day, slots[-1].end.strftime("%H:%M")) == (14, 1, "15:00")


def test_statistics_count_without_names(world, event, meetings, regs):
    schedule.schedule_compute(event, time_limit=5)
    meetings[0].refresh_from_db()
    services.outcome_record(meeting=meetings[0], by=world["users"]["member"], outcome="follow_up")
    stats = selectors.stats(event=event)
    assert (stats["registrations"], stats["requests"], stats["accepted"], stats["scheduled"]) == (3, 2, 2, 2)
    assert stats["countries"] == [("CN", 1), ("PL", 2)]
    assert stats["outcomes"] == {"no_interest": 0, "follow_up": 1, "cooperation": 0}
