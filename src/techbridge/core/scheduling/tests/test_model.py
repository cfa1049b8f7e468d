import pytest

from techbridge.core.scheduling.model import EventModel, MeetingRequest, ModelError, Participant, Slot, Table

from .helpers import event


def test_it_lists_the_slots_where_all_participants_are_free():
    model = event([("A", "B")], unavailable={"A": {0}, "B": {2}})
    assert model.candidate_slots(model.request_by_id["m1"]) == [1, 3]


def test_it_skips_buffer_slots_unless_asked():
    model = EventModel(
        (Participant("A"), Participant("B")),
        (Slot(0), Slot(1, buffer=True)),
        (Table("T1"),),
        (MeetingRequest("m", ("A", "B")),),
    ).check()
    assert model.candidate_slots(model.requests[0]) == [0]
    assert model.candidate_slots(model.requests[0], use_buffers=True) == [0, 1]


def test_it_needs_a_table_with_enough_seats_for_a_group_meeting():
    model = EventModel(
        tuple(Participant(p) for p in "ABC"),
        (Slot(0),),
        (Table("T1", seats=2),),
        (MeetingRequest("m", ("A", "B", "C")),),
    ).check()
    assert model.candidate_slots(model.requests[0]) == []


def test_a_mutual_request_weighs_double_its_priority():
    assert MeetingRequest("m", ("A", "B"), priority=3, mutual=True).weight == 6


def test_it_rejects_an_unknown_participant_in_a_request():
    with pytest.raises(ModelError, match=r"requests\[m1\]\.participants: unknown participant 'Z'"):
        event([("A", "Z")])


def test_it_rejects_duplicate_request_ids():
    with pytest.raises(ModelError, match="requests: duplicate id 'm'"):
        EventModel(
            (Participant("A"), Participant("B")),
            (Slot(0),),
            (),
            (MeetingRequest("m", ("A", "B")), MeetingRequest("m", ("A", "B"))),
        ).check()


def test_it_rejects_slots_out_of_order():
    with pytest.raises(ModelError, match="slots: indexes must be unique"):
        EventModel((), (Slot(1), Slot(0)), (), ()).check()


def test_it_rejects_a_fixed_slot_that_does_not_exist():
    with pytest.raises(ModelError, match=r"requests\[m\]\.fixed_slot: unknown slot 9"):
        EventModel(
            (Participant("A"), Participant("B")),
            (Slot(0),),
            (),
            (MeetingRequest("m", ("A", "B"), fixed_slot=9),),
        ).check()


def test_it_rejects_a_host_outside_the_meeting():
    with pytest.raises(ModelError, match=r"requests\[m\]\.host"):
        EventModel(
            (Participant("A"), Participant("B")), (Slot(0),), (), (MeetingRequest("m", ("A", "B"), host="C"),)
        ).check()


def test_the_cap_is_the_tightest_of_person_and_event():
    model = EventModel(
        (Participant("A", max_meetings=3), Participant("B")),
        (Slot(0),),
        (),
        (),
        max_meetings_per_participant=2,
    ).check()
    assert model.cap("A") == 2
    assert model.cap("B") == 2
