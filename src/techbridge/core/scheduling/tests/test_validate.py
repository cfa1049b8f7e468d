from techbridge.core.scheduling.model import EventModel, Precedence, Slot
from techbridge.core.scheduling.result import Assignment as A
from techbridge.core.scheduling.validate import count_breaks, validate

from .helpers import event


def test_breaks_count_idle_gaps_not_idle_slots():
    model = event([], slots=8)
    # busy 0,1 | idle 2,3 | busy 4 | idle 5 | busy 6: two gaps (three idle slots)
    assert count_breaks([0, 1, 4, 6], model) == 2
    assert count_breaks([3, 4, 5], model) == 0
    assert count_breaks([], model) == 0


def test_breaks_do_not_span_days():
    model = EventModel((), (Slot(0, day=0), Slot(1, day=0), Slot(2, day=1), Slot(3, day=1)), (), ()).check()
    assert count_breaks([1, 2], model) == 0  # last slot of day 1, first of day 2
    assert count_breaks([0, 3], model) == 0  # one meeting per day


def test_a_valid_schedule_is_recounted_by_hand():
    model = event([("A", "B"), ("A", "C"), ("B", "C")], slots=4)
    report = validate(model, [A("m1", 0, "T1"), A("m2", 2, "T1"), A("m3", 3, "T2")])
    assert report.valid, report.violations
    # A busy 0,2 -> 1 break; B busy 0,3 -> 1 break; C busy 2,3 -> 0
    assert report.breaks_of == {"A": 1, "B": 1, "C": 0, "D": 0, "E": 0}
    assert (report.meetings, report.weight, report.breaks) == (3, 3, 2)
    # B sits at T1 then T2: one table change; A stays at T1; C moves T1 -> T2
    assert report.table_changes == 2


def test_it_reports_a_double_booked_participant_and_table():
    model = event([("A", "B"), ("A", "C")])
    report = validate(model, [A("m1", 0, "T1"), A("m2", 0, "T1")])
    assert "participant 'A': 2 meetings in slot 0: ['m1', 'm2']" in report.violations
    assert "table 'T1': 2 meetings in slot 0: ['m1', 'm2']" in report.violations


def test_it_reports_a_meeting_in_an_unavailable_slot():
    model = event([("A", "B")], unavailable={"B": {1}})
    report = validate(model, [A("m1", 1, "T1")])
    assert report.violations == ["meeting 'm1': participant 'B' is unavailable in slot 1"]


def test_it_reports_missing_meetings_when_all_are_required():
    model = event([("A", "B"), ("C", "D")], require_all=True)
    assert any("require_all" in v for v in validate(model, [A("m1", 0, "T1")]).violations)


def test_it_reports_a_broken_precedence():
    model = event([("A", "B"), ("C", "D")], precedences=(Precedence("m1", "m2"),))
    report = validate(model, [A("m1", 2, "T1"), A("m2", 1, "T1")])
    assert report.violations == ["precedence: 'm1' (slot 2) must come before 'm2' (slot 1)"]


def test_it_reports_an_unfair_spread_of_breaks():
    model = event([("A", "B"), ("A", "C"), ("A", "D"), ("B", "C")], slots=6, fairness_spread=1)
    # A busy 0,2,4 -> 2 breaks; D busy 4 -> 0 breaks: spread 2 > 1
    report = validate(model, [A("m1", 0, "T1"), A("m2", 2, "T1"), A("m3", 4, "T1"), A("m4", 3, "T1")])
    assert any(v.startswith("fairness: breaks range 0..2") for v in report.violations)


def test_it_reports_a_participant_left_without_meetings():
    model = event([("A", "B"), ("C", "D")], guard_zero=True)
    report = validate(model, [A("m1", 0, "T1")])
    assert any("participant 'C': no meeting" in v for v in report.violations)


def test_it_reports_an_in_person_meeting_without_a_table():
    model = event([("A", "B")])
    assert validate(model, [A("m1", 0, None)]).violations == ["meeting 'm1': in person, but no table"]
