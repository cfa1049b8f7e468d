"""Explain an infeasibility the cheap prechecks missed: an unsatisfiable core of meetings and rules.

Each required meeting, each participant's one-meeting guard and the fairness rule get an assumption
literal; CP-SAT's ``sufficient_assumptions_for_infeasibility`` returns a subset that cannot hold together
(an unsatisfiable core, cf. Liffiton & Sakallah 2008), which is reported with its participants and slots.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .cpmodel import CpFormulation
from .diagnose import precheck
from .model import EventModel
from .result import Conflict


def explain_infeasible(
    model: EventModel,
    *,
    time_limit: float = 30.0,
    workers: int = 1,
    use_buffers: bool = False,
    pinned: dict[str, int] | None = None,
) -> list[Conflict]:
    """Conflicts that explain why ``model`` has no schedule (prechecks first, then a solver core)."""
    found = precheck(model, use_buffers=use_buffers)
    if found:
        return found
    form = CpFormulation(model, use_buffers=use_buffers, pinned=pinned, assume_required=True)
    if model.guard_zero:
        form.add_guard(None, assume=True)
    if model.fairness_spread is not None:
        form.add_breaks(assume_fairness=True)
    form.cp.add_assumptions([form.cp.get_bool_var_from_proto_index(i) for i in form.assumptions])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1  # the core is only reported by the sequential search
    solver.parameters.cp_model_presolve = False  # presolve would prove infeasibility without a core
    status = solver.solve(form.cp)
    if status != cp_model.INFEASIBLE:
        return [Conflict("unknown", "the solver could not isolate the conflict within the time limit")]
    core = [form.assumptions[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    meetings = tuple(sorted(ident for kind, ident in core if kind == "meeting"))
    guards = tuple(sorted(ident for kind, ident in core if kind == "guard"))
    people = sorted({p for m in meetings for p in model.request_by_id[m].participants} | set(guards))
    slots = tuple(sorted({s for m in meetings for s in form.options[m]}))
    rules = [k for k in ("fairness",) if any(kind == k for kind, _ in core)]
    extra = f" and the {', '.join(rules)} rule" if rules else ""
    guard_note = f", one meeting each for {list(guards)}" if guards else ""
    return [
        Conflict(
            "core",
            f"meetings {list(meetings)}{guard_note}{extra} cannot all be scheduled in slots {list(slots)}",
            tuple(people),
            meetings,
            slots,
        )
    ]
