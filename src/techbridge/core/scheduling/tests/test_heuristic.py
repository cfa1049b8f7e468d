from techbridge.core.scheduling.generate import generate_event
from techbridge.core.scheduling.heuristic import first_fit, priority_greedy
from techbridge.core.scheduling.model import Precedence
from techbridge.core.scheduling.result import Assignment
from techbridge.core.scheduling.validate import validate

from .helpers import event


def _valid(model, placed):
    return validate(model, [Assignment(m, s, t) for m, (s, t) in placed.items()])


def test_first_fit_books_the_first_common_free_slot_and_table():
    model = event([("A", "B"), ("A", "C"), ("B", "C")], slots=3, guard_zero=False)
    assert first_fit(model) == {"m1": (0, "T1"), "m2": (1, "T1"), "m3": (2, "T1")}


def test_priority_greedy_respects_precedences():
    model = event([("A", "B"), ("C", "D")], slots=3, precedences=(Precedence("m2", "m1"),))
    placed = priority_greedy(model)
    assert placed["m2"][0] < placed["m1"][0]
    assert _valid(model, placed).valid


def test_both_heuristics_give_valid_schedules_on_a_generated_event():
    model = generate_event(participants=60, requests=300, slots=12, tables=8, seed=3)
    for placed in (first_fit(model), priority_greedy(model)):
        report = _valid(model, placed)
        assert not [v for v in report.violations if "no meeting" not in v], report.violations[:3]
    assert _valid(model, priority_greedy(model)).valid  # the greedy also meets the one-meeting guard


def test_the_generator_is_reproducible_and_has_delegations():
    a = generate_event(participants=50, requests=200, slots=10, tables=6, seed=7)
    b = generate_event(participants=50, requests=200, slots=10, tables=6, seed=7)
    assert a.requests == b.requests
    orgs = [p.organisation for p in a.participants]
    assert len(set(orgs)) < len(orgs)
