"""Lower bounds on breaks: each participant scheduled alone, with only its own required meetings.

Dropping every other participant's meetings is a relaxation, so the fewest breaks a participant can
have alone is a valid lower bound for it in any full schedule; their sum bounds the total. On the real
B2B instances (Bofill et al., JAIR 2022) the sum equals the optimum (forum-14: 2, forumt-14: 5), which
turns the proof into a single feasibility question with each participant's breaks pinned to its bound.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .cpmodel import CpFormulation
from .diagnose import required
from .model import VIRTUAL, EventModel, MeetingRequest


def participant_break_bounds(model: EventModel, *, time_limit: float = 10.0) -> dict[str, int]:
    """Participant id -> proven lower bound on its breaks (only non-zero entries are returned)."""
    deadline = time.monotonic() + time_limit
    out: dict[str, int] = {}
    for p in model.participants:
        mine = [model.request_by_id[m] for m in model.requests_of[p.id]]
        mine = [r for r in mine if required(model, r)]
        if len(mine) < 2 or time.monotonic() > deadline or _fits_without_break(model, mine):
            continue
        bound = _alone(model, p.id, mine, max(0.05, min(2.0, deadline - time.monotonic())))
        if bound > 0:
            out[p.id] = bound
    return out


def _fits_without_break(model: EventModel, mine: list[MeetingRequest]) -> bool:
    """Whether some run of consecutive slots of one day takes all ``mine`` (bipartite matching, Kuhn 1955)."""
    options = [set(model.candidate_slots(r)) for r in mine]
    n = len(mine)
    for day in sorted({s.day for s in model.slots}):
        day_slots = [s.index for s in model.slots if s.day == day]
        for a in range(len(day_slots) - n + 1):
            window = day_slots[a : a + n]
            if perfect_matching([[s for s in window if s in opts] for opts in options]):
                return True
    return False


def perfect_matching(choices: list[list[int]]) -> bool:
    """Whether every item i can take a distinct option from ``choices[i]`` (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for s in choices[i]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(choices)))


def _alone(model: EventModel, pid: str, mine: list[MeetingRequest], limit: float) -> int:
    people = {q for r in mine for q in r.participants}
    sub = EventModel(
        tuple(q for q in model.participants if q.id in people),
        model.slots,
        model.tables,
        tuple(mine),
        require_all=True,
        guard_zero=False,
    )
    form = CpFormulation(sub)
    form.add_breaks()
    form.cp.minimize(form.breaks_of[pid])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = limit
    status = solver.solve(form.cp)
    if status == cp_model.INFEASIBLE:
        return 0  # infeasibility is reported by the main model with a full explanation
    return max(0, round(solver.best_objective_bound))


def lp_weight_bound(model: EventModel, *, time_limit: float = 30.0) -> float | None:
    """Aggregated LP bound on the placed weight (HiGHS); None if not solved in time.

    One variable per placeable request; each participant takes at most min(cap, its usable slots)
    meetings; in-person meetings of k or more persons fit the table-slots with k or more seats; virtual
    ones the virtual places. A relaxation of the slot model, hence a valid upper bound (cf. Dantzig 1963;
    Huangfu & Hall 2018 for HiGHS); on the generated events it equals the full slot LP.
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    options = {r.id: model.candidate_slots(r) for r in model.requests}
    reqs = [r for r in model.requests if options[r.id]]
    if not reqs:
        return 0.0
    col = {r.id: j for j, r in enumerate(reqs)}
    groups: list[tuple[list[int], int]] = []
    for p in model.participants:
        mine = [m for m in model.requests_of[p.id] if m in col]
        usable = len({s for m in mine for s in options[m]})
        own = model.cap(p.id)
        cap = usable if own is None else min(usable, own)
        if len(mine) > cap:
            groups.append(([col[m] for m in mine], cap))
    for k in sorted({len(r.participants) for r in reqs if r.mode != VIRTUAL}):
        room = sum(
            1 for s in model.slots for t in model.tables if t.seats >= k and s.index not in t.unavailable
        )
        groups.append(([col[r.id] for r in reqs if r.mode != VIRTUAL and len(r.participants) >= k], room))
    if model.virtual_capacity is not None:
        groups.append(
            ([col[r.id] for r in reqs if r.mode == VIRTUAL], model.virtual_capacity * len(model.slots))
        )
    rows = [i for i, (members, _) in enumerate(groups) for _ in members]
    cols = [j for members, _ in groups for j in members]
    a_ub = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(groups), len(reqs))).tocsr()
    res = linprog(
        -np.array([r.weight for r in reqs], dtype=float),
        A_ub=a_ub,
        b_ub=np.array([cap for _, cap in groups], dtype=float),
        bounds=(0, 1),
        method="highs",
        options={"time_limit": max(1.0, time_limit)},
    )
    return float(-res.fun) if res.status == 0 else None
