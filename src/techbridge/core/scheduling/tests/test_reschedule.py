from dataclasses import replace

from techbridge.core.scheduling.model import EventModel, MeetingRequest, Participant, Slot, Table
from techbridge.core.scheduling.reschedule import reschedule
from techbridge.core.scheduling.result import Assignment as A
from techbridge.core.scheduling.validate import validate


def _model(requests, *, unavailable=None, slots=4, tables=2):
    unavailable = unavailable or {}
    return EventModel(
        tuple(Participant(p, unavailable=frozenset(unavailable.get(p, ()))) for p in "ABCDEF"),
        tuple(Slot(i) for i in range(slots)),
        tuple(Table(f"T{i + 1}") for i in range(tables)),
        tuple(requests),
        guard_zero=False,
    ).check()


BASE = [MeetingRequest("ab", ("A", "B")), MeetingRequest("ac", ("A", "C")), MeetingRequest("de", ("D", "E"))]
BEFORE = [A("ab", 0, "T1"), A("ac", 1, "T1"), A("de", 0, "T2")]


def test_a_cancellation_moves_nothing():
    model = _model([r for r in BASE if r.id != "ac"])
    out = reschedule(model, BEFORE, time_limit=10)
    assert out.moved == [] and out.dropped == [] and out.added == []
    assert {(a.meeting_id, a.slot, a.table) for a in out.schedule.assignments} == {
        ("ab", 0, "T1"),
        ("de", 0, "T2"),
    }


def test_an_added_request_is_placed_with_the_fewest_moves():
    model = _model([*BASE, MeetingRequest("af", ("A", "F"))])
    out = reschedule(model, BEFORE, time_limit=10)
    assert out.added == ["af"] and out.moved == []
    assert validate(model, out.schedule.assignments).valid


def test_a_no_show_moves_only_the_affected_meeting():
    # B cannot come in slot 0 any more: only 'ab' moves
    model = _model(BASE, unavailable={"B": {0}})
    out = reschedule(model, BEFORE, time_limit=10)
    assert out.moved == ["ab"] and out.dropped == []
    assert validate(model, out.schedule.assignments).valid


def test_locked_meetings_never_move_even_when_moving_them_would_place_more():
    # Only slot 0 exists; the locked 'ab' blocks 'ac' (priority 5), which therefore stays unplaced.
    requests = [replace(BASE[0], locked=True), MeetingRequest("ac", ("A", "C"), priority=5)]
    model = _model(requests, slots=1)
    out = reschedule(model, [A("ab", 0, "T1")], time_limit=10)
    assert [(a.meeting_id, a.slot, a.table) for a in out.schedule.assignments] == [("ab", 0, "T1")]
    assert out.schedule.unplaced == ["ac"]


def test_past_meetings_are_frozen():
    model = _model([*BASE, MeetingRequest("bc", ("B", "C"))], slots=3, tables=1)
    before = [A("ab", 0, "T1"), A("ac", 1, "T1"), A("de", 2, "T1")]
    out = reschedule(model, before, frozen_until=1, time_limit=10)
    now = {a.meeting_id: a.slot for a in out.schedule.assignments}
    assert now["ab"] == 0
    assert validate(model, out.schedule.assignments).valid


def test_a_locked_meeting_whose_participant_left_is_a_named_conflict():
    import pytest

    from techbridge.core.scheduling.result import InfeasibleEventError

    model = _model([replace(BASE[0], locked=True)], unavailable={"B": {0}})
    with pytest.raises(InfeasibleEventError) as info:
        reschedule(model, [A("ab", 0, "T1")], time_limit=10)
    [conflict] = info.value.conflicts
    assert (conflict.kind, conflict.participants, conflict.meetings, conflict.slots) == (
        "locked_unavailable",
        ("B",),
        ("ab",),
        (0,),
    )
