import pytest

from techbridge.core.scheduling.model import EventModel, MeetingRequest, Participant, Slot, Table
from techbridge.core.scheduling.result import InfeasibleEventError
from techbridge.core.scheduling.solver import solve

from .helpers import event


def _conflicts(model):
    with pytest.raises(InfeasibleEventError) as info:
        solve(model, time_limit=10)
    return info.value.conflicts


def test_two_fixed_meetings_in_one_slot_for_one_person_are_named():
    model = EventModel(
        tuple(Participant(p) for p in "ABC"),
        tuple(Slot(i) for i in range(3)),
        (Table("T1"), Table("T2")),
        (MeetingRequest("m1", ("A", "B"), fixed_slot=1), MeetingRequest("m2", ("A", "C"), fixed_slot=1)),
    ).check()
    conflict, *also = _conflicts(model)
    assert conflict.kind == "fixed_clash"
    assert [c.kind for c in also] == ["overloaded"]  # A's two meetings have one usable slot
    assert (conflict.participants, conflict.meetings, conflict.slots) == (("A",), ("m1", "m2"), (1,))


def test_a_required_meeting_without_a_common_free_slot_is_named():
    model = event([("A", "B"), ("C", "D")], slots=2, unavailable={"A": {0}, "B": {1}}, require_all=True)
    [conflict] = _conflicts(model)
    assert conflict.kind == "no_common_slot"
    assert conflict.participants == ("A", "B") and conflict.meetings == ("m1",)
    assert conflict.slots == (0, 1)


def test_more_meetings_than_slots_for_one_person_is_named():
    model = event([("A", "B"), ("A", "C"), ("A", "D")], slots=2, require_all=True)
    [conflict] = _conflicts(model)
    assert conflict.kind == "overloaded"
    assert conflict.participants == ("A",) and conflict.meetings == ("m1", "m2", "m3")
    assert conflict.slots == (0, 1)


def test_a_hidden_conflict_is_explained_by_a_core_of_meetings():
    # A-B, B-C, A-C pairwise clash, so three slots are needed; each person alone fits in two.
    model = event([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E")], slots=2, tables=3, require_all=True)
    conflicts = _conflicts(model)
    assert [c.kind for c in conflicts] == ["core"]
    assert set(conflicts[0].meetings) == {"m1", "m2", "m3"}
    assert set(conflicts[0].participants) == {"A", "B", "C"}


def test_a_fixed_precedence_in_the_wrong_order_is_named():
    from techbridge.core.scheduling.model import Precedence

    model = EventModel(
        tuple(Participant(p) for p in "ABCD"),
        tuple(Slot(i) for i in range(3)),
        (Table("T1"),),
        (MeetingRequest("m1", ("A", "B"), fixed_slot=2), MeetingRequest("m2", ("C", "D"), fixed_slot=0)),
        precedences=(Precedence("m1", "m2"),),
    ).check()
    [conflict] = _conflicts(model)
    assert conflict.kind == "precedence" and conflict.meetings == ("m1", "m2") and conflict.slots == (2, 0)


def test_the_error_message_lists_the_conflicts():
    model = event([("A", "B"), ("A", "C"), ("A", "D")], slots=2, require_all=True)
    with pytest.raises(InfeasibleEventError, match="participant 'A' must attend 3 meetings but has only 2"):
        solve(model, time_limit=10)
