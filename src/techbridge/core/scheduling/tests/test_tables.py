import pytest

from techbridge.core.scheduling.model import EventModel, MeetingRequest, Participant, Slot, Table
from techbridge.core.scheduling.tables import assign_tables

from .helpers import event


def test_hosts_keep_their_home_table_across_slots():
    model = event([("A", "B"), ("C", "D"), ("A", "C"), ("C", "B")], slots=2, tables=2)
    out = assign_tables(model, {"m1": 0, "m2": 0, "m3": 1, "m4": 1})
    table = {a.meeting_id: a.table for a in out}
    assert table["m1"] == table["m3"]  # host A
    assert table["m2"] == table["m4"]  # host C


def test_a_group_meeting_gets_a_table_with_enough_seats():
    model = EventModel(
        tuple(Participant(p) for p in "ABCD"),
        (Slot(0),),
        (Table("small"), Table("big", seats=4)),
        (MeetingRequest("g", ("A", "B", "C")), MeetingRequest("d", ("D", "A"))),
    ).check()
    out = assign_tables(model, {"g": 0})
    assert [(a.meeting_id, a.table) for a in out] == [("g", "big")]


def test_it_refuses_more_meetings_than_open_tables():
    model = event([("A", "B"), ("C", "D")], slots=1, tables=1)
    with pytest.raises(ValueError, match="slot 0: 2 in-person meetings but 1 open tables"):
        assign_tables(model, {"m1": 0, "m2": 0})
