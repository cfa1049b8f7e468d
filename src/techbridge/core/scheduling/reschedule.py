"""Rescheduling after late changes: place what still can be placed, moving as few meetings as possible.

The caller passes the updated event (cancelled requests removed, no-shows marked unavailable, new
requests added) and the previous schedule. Locked meetings and meetings before ``frozen_until`` keep
their slot and table; buffer slots may now be used. Lexicographic CP-SAT: first the most weighted
meetings, then the fewest moved meetings (a minimal-perturbation objective, cf. El Sakkout & Wallace 2000).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .cpmodel import CpFormulation
from .diagnose import precheck
from .heuristic import priority_greedy
from .model import EventModel
from .result import Assignment, Conflict, InfeasibleEventError, ScheduleResult
from .solver import Progress, _fail, _hint, _result, _run, _say, _solver, covered
from .tables import assign_tables


@dataclass
class RescheduleResult:
    """The new schedule and what changed: moved (other slot or table), added, dropped meeting ids."""

    schedule: ScheduleResult
    moved: list[str]
    added: list[str]
    dropped: list[str]


def reschedule(
    model: EventModel,
    previous: list[Assignment],
    *,
    frozen_until: int | None = None,
    time_limit: float = 30.0,
    workers: int = 2,
    progress: Progress | None = None,
) -> RescheduleResult:
    """Re-plan ``model`` from ``previous``; locked and past meetings never move."""
    start = time.monotonic()
    before = {a.meeting_id: a for a in previous if a.meeting_id in model.request_by_id}
    pinned_a = {
        m: a
        for m, a in before.items()
        if model.request_by_id[m].locked or (frozen_until is not None and a.slot < frozen_until)
    }
    _check_pins(model, pinned_a)
    conflicts = precheck(model, use_buffers=True)
    if conflicts:
        raise InfeasibleEventError(conflicts)
    form = CpFormulation(model, use_buffers=True, pinned={m: a.slot for m, a in pinned_a.items()})
    if model.guard_zero:
        pins = {m: (a.slot, a.table) for m, a in pinned_a.items()}
        form.add_guard(covered(model, priority_greedy(model, use_buffers=True, keep=pins)))
    _hint(form, {m: a.slot for m, a in before.items()})
    solver = _solver(time_limit, workers, 0)
    stages: list[dict[str, object]] = []
    weight_bound = sum(r.weight for r in model.requests)
    if not model.require_all:
        form.cp.maximize(form.weight())
        status = _run(solver, form, progress, "meetings", 0.0, 0.5, time_limit / 2, stages)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            _fail(model, status, time_limit, workers)
        weight_bound = round(solver.best_objective_bound)
        form.cp.add(form.weight() >= round(solver.objective_value))
    moves = [
        1 - form.x[m, a.slot] if (m, a.slot) in form.x else 1 for m, a in before.items() if m not in pinned_a
    ]
    form.cp.minimize(sum(moves))
    remaining = max(1.0, time_limit - (time.monotonic() - start))
    status = _run(solver, form, progress, "moves", 0.5, 0.5, remaining, stages)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _fail(model, status, time_limit, workers)
    slot_of = {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)}
    keep = {
        m: a.table
        for m, a in before.items()
        if a.table is not None and slot_of.get(m) == a.slot and _table_open(model, a)
    }
    assignments = assign_tables(model, slot_of, keep=keep)
    proven = all(s["status"] == "OPTIMAL" for s in stages)
    result = _result(
        model, assignments, "optimal" if proven else "feasible", weight_bound, 0, 0, start, stages
    )
    _say(progress, 1.0, "rescheduled")
    now = {a.meeting_id: a for a in assignments}
    moved = sorted(
        m for m, a in before.items() if m in now and (now[m].slot, now[m].table) != (a.slot, a.table)
    )
    return RescheduleResult(result, moved, sorted(set(now) - set(before)), sorted(set(before) - set(now)))


def _table_open(model: EventModel, a: Assignment) -> bool:
    table = model.table_by_id.get(a.table or "")
    r = model.request_by_id[a.meeting_id]
    return table is not None and a.slot not in table.unavailable and table.seats >= len(r.participants)


def _check_pins(model: EventModel, pinned: dict[str, Assignment]) -> None:
    """A locked or past meeting whose slot or table became impossible is a conflict, never a silent move."""
    out = []
    for m, a in pinned.items():
        r = model.request_by_id[m]
        gone = [p for p in r.participants if a.slot in model.participant_by_id[p].unavailable]
        if gone:
            out.append(
                Conflict(
                    "locked_unavailable",
                    f"locked meeting {m!r} in slot {a.slot}: participants {gone} are no longer available",
                    tuple(gone),
                    (m,),
                    (a.slot,),
                )
            )
        elif a.table is not None and not _table_open(model, a):
            out.append(
                Conflict(
                    "locked_table",
                    f"locked meeting {m!r}: table {a.table!r} is no longer usable in slot {a.slot}",
                    r.participants,
                    (m,),
                    (a.slot,),
                )
            )
    if out:
        raise InfeasibleEventError(out)
