from techbridge.core.scheduling.bounds import participant_break_bounds
from techbridge.core.scheduling.dzn import read_dzn

from .helpers import event


def test_a_participant_whose_partners_leave_no_consecutive_run_gets_a_bound_of_one():
    # A must meet B (only free in slot 0) and C (only free in slot 2): at least one break for A.
    model = event([("A", "B"), ("A", "C")], slots=3, unavailable={"B": {1, 2}, "C": {0, 1}}, require_all=True)
    assert participant_break_bounds(model) == {"A": 1}


def test_participants_that_fit_in_a_run_of_slots_get_no_bound():
    model = event([("A", "B"), ("A", "C"), ("B", "C")], slots=4, unavailable={"C": {0}}, require_all=True)
    assert participant_break_bounds(model) == {}


def test_optional_meetings_give_no_bound():
    model = event([("A", "B"), ("A", "C")], slots=3, unavailable={"B": {1, 2}, "C": {0, 1}})
    assert participant_break_bounds(model) == {}


def test_the_bounds_of_a_real_instance_sum_to_its_best_known_total(shared_data):
    model = read_dzn(shared_data / "b2b-meetings" / "forumt-14.original.dzn")
    bounds = participant_break_bounds(model)
    assert sum(bounds.values()) == 5  # best known total of breaks for forumt-14
