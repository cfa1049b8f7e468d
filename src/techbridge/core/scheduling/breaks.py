"""The breaks stage: fewest total breaks under the fairness spread, with a proof of optimality.

When every request must be placed, the search climbs from the per-participant lower bound
(:mod:`.bounds`): "at most K breaks?" is asked for K = bound, bound + 1, ... as a pure feasibility
question (CP-SAT without LP, which suits these clause-like models); every "no" is a proof, so the first
"yes" is optimal. This mirrors the incremental SAT approach of Bofill et al. (JAIR 2022). Otherwise,
or when a question times out, CP-SAT minimises directly and reports its bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .bounds import participant_break_bounds
from .cpmodel import CpFormulation
from .model import EventModel

Progress = Callable[[float, str], None]
Outcome = tuple[dict[str, int], int, int, bool]  # slots, breaks, lower bound, proven optimal


def minimise_breaks(
    form: CpFormulation,
    model: EventModel,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    progress: Progress | None,
    stages: list[dict[str, object]],
) -> Outcome | int:
    """Solve the breaks stage; returns the outcome, or the CP-SAT status when no schedule was found."""
    deadline = time.monotonic() + time_limit
    bounds = (
        participant_break_bounds(model, time_limit=min(10.0, time_limit / 5)) if model.require_all else {}
    )
    total = form.add_breaks()
    for pid, bound in bounds.items():
        form.cp.add(form.breaks_of[pid] >= bound)
    ceiling = sum((len(model.slots) - 1) // 2 for _ in model.participants)
    cap = form.cp.new_int_var(0, ceiling, "breaks_cap")
    form.cp.add(total <= cap)
    k = sum(bounds.values())
    solver = _solver(1, seed)  # one sequential CDCL search proved fastest on the real instances
    if model.require_all:
        climb_deadline = deadline - 0.25 * time_limit  # keep a quarter for the fallback minimisation
        found, status, k = _climb(form, solver, cap, total, k, ceiling, climb_deadline, progress, stages)
        if found is not None or status == cp_model.INFEASIBLE:
            return found if found is not None else status
    _set_domain(cap, k, ceiling)
    form.cp.minimize(total)
    solver = _solver(workers, seed)
    solver.parameters.linearization_level = 1
    solver.parameters.max_time_in_seconds = max(1.0, deadline - time.monotonic())
    status = int(solver.solve(form.cp, _Reporter(progress, deadline)))
    _record(stages, "breaks-minimise", solver, status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return int(status)
    slot_of = {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)}
    bound = max(k, round(solver.best_objective_bound))
    return slot_of, round(solver.objective_value), bound, status == cp_model.OPTIMAL


def _climb(
    form: CpFormulation,
    solver: cp_model.CpSolver,
    cap: cp_model.IntVar,
    total: cp_model.LinearExprT,
    k: int,
    ceiling: int,
    deadline: float,
    progress: Progress | None,
    stages: list[dict[str, object]],
) -> tuple[Outcome | None, int, int]:
    """Ask "at most k breaks?" for growing k; return (outcome or None, last status, proven lower bound)."""
    form.cp.clear_objective()
    misses = 0
    status = int(cp_model.UNKNOWN)
    while k <= ceiling and time.monotonic() < deadline - 0.5:
        _set_domain(cap, 0, k)
        solver.parameters.max_time_in_seconds = max(0.5, deadline - time.monotonic())
        if progress is not None:
            progress(0.5, f"breaks: is a schedule with at most {k} breaks possible?")
        status = int(solver.solve(form.cp))
        _record(stages, "breaks-at-most", solver, status, k=k)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            slot_of = {m: s for (m, s), v in form.x.items() if solver.boolean_value(v)}
            return (slot_of, int(solver.value(total)), k, True), status, k
        if status != cp_model.INFEASIBLE:
            return None, status, k
        misses += 1
        if misses == 3 and _infeasible_at_any_k(form, solver, cap, ceiling, deadline):
            return None, int(cp_model.INFEASIBLE), k
        k += 1
    return None, status, k


def _infeasible_at_any_k(
    form: CpFormulation, solver: cp_model.CpSolver, cap: cp_model.IntVar, ceiling: int, deadline: float
) -> bool:
    """After repeated "no", check whether any schedule exists at all (else the event is infeasible)."""
    _set_domain(cap, 0, ceiling)
    solver.parameters.max_time_in_seconds = max(0.5, min(10.0, deadline - time.monotonic()))
    return bool(solver.solve(form.cp) == cp_model.INFEASIBLE)


def _set_domain(var: cp_model.IntVar, lo: int, hi: int) -> None:
    var.proto.domain[0] = lo
    var.proto.domain[1] = hi


def _solver(workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    solver.parameters.linearization_level = 0  # clause-like model: LP slows search and adds nothing here
    return solver


def _record(
    stages: list[dict[str, object]], name: str, solver: cp_model.CpSolver, status: int, **extra: object
) -> None:
    stages.append(
        {
            "stage": name,
            "status": cp_model.CpSolverStatus(status).name,
            "seconds": round(solver.wall_time, 3),
            **extra,
        }
    )


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress | None, deadline: float):
        super().__init__()
        self._progress, self._deadline, self._start = progress, deadline, time.monotonic()

    def on_solution_callback(self) -> None:
        if self._progress is not None:
            span = max(1e-3, self._deadline - self._start)
            done = min(1.0, (time.monotonic() - self._start) / span)
            self._progress(
                0.5 + 0.5 * done, f"breaks: {self.objective_value:g} (bound {self.best_objective_bound:g})"
            )
