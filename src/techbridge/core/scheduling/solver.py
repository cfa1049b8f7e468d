"""Lexicographic CP-SAT scheduling: most weighted meetings, then fewest breaks, then fewest table changes.

Stage 1 maximises the placed weight (skipped when every request must be placed), stage 2 fixes it and
minimises total breaks under the fairness spread; tables are then assigned keeping hosts put
(:mod:`.tables`). Each stage reports CP-SAT's proven bound. A priority greedy warm-starts the search
through solution hints (Perron & Didier, CP-SAT, Google OR-Tools) and replaces it for huge events.
Infeasible events raise :class:`InfeasibleEventError` with the conflicting participants, meetings, slots.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .bounds import lp_weight_bound
from .breaks import minimise_breaks
from .cpmodel import CpFormulation
from .diagnose import precheck
from .heuristic import first_fit, priority_greedy
from .model import EventModel
from .result import FEASIBLE, HEURISTIC, OPTIMAL, Assignment, Conflict, InfeasibleEventError, ScheduleResult
from .tables import assign_tables
from .validate import count_breaks

Progress = Callable[[float, str], None]
MAX_EXACT_VARS = 2_000_000
LARGE_MODEL = 50_000


class SchedulingTimeoutError(RuntimeError):
    """No schedule satisfying every hard rule was found within the time limit (feasibility unknown)."""


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Forwards each improving solution to the progress callback as (fraction, message)."""

    def __init__(self, progress: Progress | None, stage: str, base: float, share: float, limit: float):
        super().__init__()
        self._progress, self._stage, self._base, self._share = progress, stage, base, share
        self._limit, self._start = max(limit, 1e-3), time.monotonic()

    def on_solution_callback(self) -> None:
        if self._progress is not None:
            done = min(1.0, (time.monotonic() - self._start) / self._limit)
            self._progress(
                self._base + self._share * done,
                f"{self._stage}: {self.objective_value:g} (bound {self.best_objective_bound:g})",
            )


def solve(
    model: EventModel,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    progress: Progress | None = None,
    breaks: bool = True,
    method: str = "auto",
    seed: int = 0,
) -> ScheduleResult:
    """Schedule ``model``; ``method`` is "exact", "heuristic" or "auto" (heuristic only for huge events)."""
    start = time.monotonic()
    conflicts = precheck(model)
    if conflicts:
        raise InfeasibleEventError(conflicts)
    _say(progress, 0.0, "warm start: priority greedy")
    greedy = _best_greedy(model)
    n_vars = sum(len(model.candidate_slots(r)) for r in model.requests)
    if method == "heuristic" or (method == "auto" and n_vars > MAX_EXACT_VARS):
        return _heuristic_result(model, greedy, start)
    stages: list[dict[str, object]] = []
    form = CpFormulation(model)
    if model.guard_zero:  # only where the greedy proves it possible, so the guard never makes it infeasible
        form.add_guard(covered(model, greedy))
    _hint(form, {m: s for m, (s, _) in greedy.items()})
    total_weight = sum(r.weight for r in model.requests)
    solver = _solver(time_limit, workers, seed)
    lp_bound = None
    if not model.require_all:
        # CP-SAT's own LP bound comes late on crowded events; an aggregated LP gives one in seconds
        _say(progress, 0.05, "bound: aggregated LP relaxation")
        lp_bound = lp_weight_bound(model, time_limit=max(5.0, 0.3 * time_limit))
        stages.append({"stage": "lp-bound", "bound": lp_bound, "seconds": round(time.monotonic() - start, 3)})
    if n_vars > LARGE_MODEL:  # presolve costs more than it gives at this size; the greedy hint is kept
        solver.parameters.cp_model_presolve = False
    if model.require_all:
        weight, weight_bound = total_weight, total_weight
    else:
        share = 0.6 if breaks else 1.0
        form.cp.maximize(form.weight())
        # the time limit is wall-clock for the whole call: greedy and model building count too
        # keep ~12 % (at least 5 s) for table assignment and bookkeeping after the search
        left = time_limit - (time.monotonic() - start)
        budget = max(1.0, left * share - max(5.0, 0.12 * time_limit))
        status = _run(solver, form, progress, "meetings", 0.0, share, budget, stages)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            _fail(model, status, time_limit, workers)
        weight, weight_bound = round(solver.objective_value), round(solver.best_objective_bound)
        if lp_bound is not None:
            weight_bound = min(weight_bound, math.floor(lp_bound + 1e-6))
        form.cp.add(form.weight() >= weight)
        _hint_from(form, solver)
        first = {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)}
    try:
        slot_of, breaks_total, breaks_bound, proven = _breaks_stage(
            form, solver, model, progress, start, time_limit, breaks, stages, workers, seed
        )
    except SchedulingTimeoutError:
        if model.require_all or model.fairness_spread is not None:
            raise
        # the breaks stage ran out of time: keep the stage-1 schedule, its breaks unoptimised
        slot_of, breaks_total, breaks_bound, proven = first, _recount_breaks(model, first), 0, False
    assignments = assign_tables(model, slot_of)
    status_name = OPTIMAL if proven and weight == weight_bound else FEASIBLE
    _say(progress, 1.0, f"done: {len(slot_of)} meetings, {breaks_total} breaks")
    return _result(model, assignments, status_name, weight_bound, breaks_total, breaks_bound, start, stages)


def _best_greedy(model: EventModel) -> dict[str, tuple[int, str | None]]:
    """The better of the compact greedy and weight-order first fit: most participants covered, then weight."""
    by_weight = [r.id for r in sorted(model.requests, key=lambda r: -r.weight)]
    options = [priority_greedy(model), first_fit(model, by_weight)]
    return max(options, key=lambda g: (len(covered(model, g)), sum(model.request_by_id[m].weight for m in g)))


def covered(model: EventModel, placed: dict[str, tuple[int, str | None]]) -> set[str]:
    """Participants with at least one meeting in ``placed``."""
    return {p for m in placed for p in model.request_by_id[m].participants}


def _breaks_stage(
    form: CpFormulation,
    solver: cp_model.CpSolver,
    model: EventModel,
    progress: Progress | None,
    start: float,
    time_limit: float,
    breaks: bool,
    stages: list[dict[str, object]],
    workers: int,
    seed: int = 0,
) -> tuple[dict[str, int], int, int, bool]:
    """Minimise breaks (or only find a feasible schedule); return (slots, breaks, lower bound, proven)."""
    fairness_only = not breaks and model.fairness_spread is not None
    if not breaks and not fairness_only and stages:  # stage 1 already holds a valid schedule
        slot_of = {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)}
        return slot_of, _recount_breaks(model, slot_of), 0, True  # breaks not optimised: nothing to prove
    remaining = max(1.0, time_limit - (time.monotonic() - start))
    if breaks:
        outcome = minimise_breaks(
            form, model, time_limit=remaining, workers=workers, seed=seed, progress=progress, stages=stages
        )
        if isinstance(outcome, int):
            _fail(model, outcome, time_limit, workers)
            raise AssertionError("unreachable")
        return outcome
    form.add_breaks()  # fairness only
    form.cp.clear_objective()
    status = _run(solver, form, progress, "fairness", 0.5, 0.5, remaining, stages)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _fail(model, status, time_limit, workers)
    slot_of = {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)}
    return slot_of, _recount_breaks(model, slot_of), 0, True


def _run(
    solver: cp_model.CpSolver,
    form: CpFormulation,
    progress: Progress | None,
    stage: str,
    base: float,
    share: float,
    limit: float,
    stages: list[dict[str, object]],
) -> int:
    solver.parameters.max_time_in_seconds = max(0.5, limit)
    _say(progress, base, f"{stage}: solving")
    status = solver.solve(form.cp, _Reporter(progress, stage, base, share, limit))
    stages.append(
        {
            "stage": stage,
            "status": solver.status_name(status),
            "seconds": round(solver.wall_time, 3),
            "objective": solver.objective_value if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None,
            "bound": solver.best_objective_bound,
        }
    )
    return int(status)


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    return solver


def _hint(form: CpFormulation, slot_of: dict[str, int]) -> None:
    """A complete hint (x, placed, busy), so that CP-SAT can take it as its first solution."""
    form.cp.clear_hints()
    for (m, s), var in form.x.items():
        form.cp.add_hint(var, 1 if slot_of.get(m) == s else 0)
    for m, var in form.placed.items():
        form.cp.add_hint(var, 1 if m in slot_of else 0)
    busy = {(p, s) for m, s in slot_of.items() for p in form.event.request_by_id[m].participants}
    for key, var in form.busy.items():
        form.cp.add_hint(var, 1 if key in busy else 0)


def _hint_from(form: CpFormulation, solver: cp_model.CpSolver) -> None:
    _hint(form, {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)})


def _fail(model: EventModel, status: int, time_limit: float, workers: int) -> None:
    if status == cp_model.INFEASIBLE:
        from .explain import explain_infeasible

        raise InfeasibleEventError(
            explain_infeasible(model, time_limit=min(30.0, time_limit), workers=workers)
        )
    if status == cp_model.MODEL_INVALID:
        raise RuntimeError("internal error: the CP-SAT model is invalid")
    raise SchedulingTimeoutError(f"no schedule found within {time_limit:g} s; raise the time limit")


def _recount_breaks(model: EventModel, slot_of: dict[str, int]) -> int:
    busy: dict[str, list[int]] = {p.id: [] for p in model.participants}
    for m, s in slot_of.items():
        for pid in model.request_by_id[m].participants:
            busy[pid].append(s)
    return sum(count_breaks(v, model) for v in busy.values())


def _heuristic_result(
    model: EventModel, greedy: dict[str, tuple[int, str | None]], start: float
) -> ScheduleResult:
    unplaced = [r.id for r in model.requests if r.id not in greedy]
    if model.require_all and unplaced:
        raise SchedulingTimeoutError(f"the heuristic left {len(unplaced)} required meetings unplaced")
    assignments = assign_tables(model, {m: s for m, (s, _) in greedy.items()})
    bound = sum(r.weight for r in model.requests)
    result = _result(
        model,
        assignments,
        HEURISTIC,
        bound,
        _recount_breaks(model, {a.meeting_id: a.slot for a in assignments}),
        0,
        start,
        [],
    )
    return result


def _result(
    model: EventModel,
    assignments: list[Assignment],
    status: str,
    weight_bound: int,
    breaks: int,
    breaks_bound: int,
    start: float,
    stages: list[dict[str, object]],
) -> ScheduleResult:
    placed = {a.meeting_id for a in assignments}
    meetings_of: dict[str, list[Assignment]] = {p.id: [] for p in model.participants}
    for a in assignments:
        for pid in model.request_by_id[a.meeting_id].participants:
            meetings_of[pid].append(a)
    changes = 0
    for mine in meetings_of.values():
        tables = [a.table for a in sorted(mine, key=lambda a: a.slot) if a.table is not None]
        changes += sum(1 for a, b in zip(tables, tables[1:], strict=False) if a != b)
    return ScheduleResult(
        assignments=assignments,
        status=status,
        meetings=len(assignments),
        weight=sum(model.request_by_id[m].weight for m in placed),
        weight_bound=weight_bound,
        breaks=breaks,
        breaks_bound=breaks_bound,
        table_changes=changes,
        seconds=round(time.monotonic() - start, 3),
        unplaced=[r.id for r in model.requests if r.id not in placed],
        stages=stages,
    )


def _say(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


__all__ = ["solve", "SchedulingTimeoutError", "Conflict", "Progress"]
