from techbridge.core.scheduling.dzn import read_dzn
from techbridge.core.scheduling.model import EventModel, MeetingRequest, Participant, Slot, Table
from techbridge.core.scheduling.solver import solve
from techbridge.core.scheduling.validate import validate

from .helpers import event


def test_it_finds_the_break_free_schedule_of_a_tiny_event():
    # A meets B, C, D; D is away in slot 1. Without breaks A's three meetings are consecutive,
    # so D's meeting must be at slot 0 or at the end: zero breaks is reachable and optimal.
    model = event(
        [("A", "B"), ("A", "C"), ("A", "D"), ("B", "C")], slots=5, unavailable={"D": {1}}, require_all=True
    )
    result = solve(model, time_limit=10)
    report = validate(model, result.assignments)
    assert report.valid, report.violations
    assert result.optimal and (result.breaks, result.breaks_bound) == (0, 0)
    assert report.breaks == 0 and result.meetings == 4


def test_it_proves_a_forced_break():
    # A must meet B and C; B is only free in slot 0, C only in slot 2: one break is forced.
    model = event([("A", "B"), ("A", "C")], slots=3, unavailable={"B": {1, 2}, "C": {0, 1}}, require_all=True)
    result = solve(model, time_limit=10)
    assert result.optimal and (result.breaks, result.breaks_bound) == (1, 1)


def test_it_places_the_most_weighted_meetings_when_not_all_fit():
    people = tuple(Participant(p) for p in "ABCD")
    requests = (
        MeetingRequest("low", ("A", "B"), priority=1),
        MeetingRequest("high", ("A", "C"), priority=3),
        MeetingRequest("mid", ("A", "D"), priority=2),
    )
    model = EventModel(people, (Slot(0), Slot(1)), (Table("T1"),), requests, guard_zero=False).check()
    result = solve(model, time_limit=10)
    assert sorted(a.meeting_id for a in result.assignments) == ["high", "mid"]
    assert (result.weight, result.weight_bound, result.gap) == (5, 5, 0.0)
    assert result.unplaced == ["low"]


def test_the_guard_gives_every_participant_a_meeting_before_weight():
    # Two slots, one table: weight alone picks ab + ac (6) and leaves D without a meeting;
    # the guard picks bd + ac (4) so that everybody meets someone.
    people = tuple(Participant(p) for p in "ABCD")
    requests = (
        MeetingRequest("ab", ("A", "B"), priority=3),
        MeetingRequest("ac", ("A", "C"), priority=3),
        MeetingRequest("bd", ("B", "D"), priority=1),
    )
    model = EventModel(people, (Slot(0), Slot(1)), (Table("T1"),), requests, guard_zero=True).check()
    result = solve(model, time_limit=10)
    assert sorted(a.meeting_id for a in result.assignments) == ["ac", "bd"]
    assert validate(model, result.assignments).valid
    unguarded = solve(
        EventModel(people, (Slot(0), Slot(1)), (Table("T1"),), requests, guard_zero=False), time_limit=10
    )
    assert sorted(a.meeting_id for a in unguarded.assignments) == ["ab", "ac"]


def test_a_host_keeps_one_table():
    model = event([("A", "B"), ("A", "C"), ("A", "D")], slots=3, tables=3, require_all=True)
    result = solve(model, time_limit=10)
    assert len({a.table for a in result.assignments}) == 1  # A hosts all three at the same table
    assert validate(model, result.assignments).table_changes == 0


def test_it_reports_progress_between_zero_and_one():
    seen = []
    model = event([("A", "B"), ("C", "D")], slots=2)
    solve(model, time_limit=5, progress=lambda f, msg: seen.append((f, msg)))
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0
    assert all(0.0 <= f <= 1.0 for f, _ in seen)


def test_it_solves_a_real_instance_to_proven_optimality(shared_data):
    model = read_dzn(shared_data / "b2b-meetings" / "tic-12.original.dzn")
    result = solve(model, time_limit=25)
    report = validate(model, result.assignments)
    assert report.valid, report.violations[:3]
    assert result.meetings == 125 and result.breaks == report.breaks == 0  # best known total: 0
    assert result.optimal and result.breaks_bound == 0
