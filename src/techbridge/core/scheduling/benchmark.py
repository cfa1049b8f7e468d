"""Benchmark helpers: solve and validate one instance, or compare the solver with greedy baselines.

Each returns a plain dict (one JSON line in ``techbridge bench schedule`` / ``schedule-large``); every
schedule is re-checked by the independent validator.
"""

from __future__ import annotations

import time
from pathlib import Path

from .dzn import read_dzn
from .heuristic import first_fit
from .model import EventModel
from .result import Assignment, InfeasibleEventError
from .solver import SchedulingTimeoutError, solve
from .validate import validate


def bench_instance(
    path: str | Path, *, time_limit: float = 60.0, workers: int = 2, precedence: str = "after"
) -> dict[str, object]:
    """Solve one .dzn instance (all meetings, fewest breaks) and validate the schedule."""
    model = read_dzn(path, precedence=precedence)
    row: dict[str, object] = {"instance": Path(path).name, "meetings": len(model.requests)}
    start = time.monotonic()
    try:
        result = solve(model, time_limit=time_limit, workers=workers)
    except InfeasibleEventError as exc:
        row.update(
            scheduled=0,
            infeasible=True,
            seconds=round(time.monotonic() - start, 2),
            conflicts=[c.message for c in exc.conflicts[:10]],
        )
        return row
    except SchedulingTimeoutError as exc:
        row.update(scheduled=0, error=str(exc), seconds=round(time.monotonic() - start, 2))
        return row
    report = validate(model, result.assignments)
    row.update(
        scheduled=result.meetings,
        breaks=result.breaks,
        bound=result.breaks_bound,
        optimal=result.optimal,
        seconds=result.seconds,
        valid=report.valid,
        table_changes=result.table_changes,
    )
    if report.breaks != result.breaks:
        row["violations"] = [f"solver reports {result.breaks} breaks, validator counts {report.breaks}"]
    if report.violations:
        row["violations"] = report.violations[:20]
    return row


def _figures(model: EventModel, placed: list[Assignment], seconds: float) -> dict[str, object]:
    report = validate(model, placed)
    return {
        "scheduled": report.meetings,
        "weight": report.weight,
        "seconds": round(seconds, 2),
        "valid": report.valid,
        "zero_meeting_participants": zero_meeting_participants(model, placed),
        **({"violations": report.violations[:10]} if report.violations else {}),
    }


def zero_meeting_participants(model: EventModel, placed: list[Assignment]) -> int:
    """Participants with at least one placeable request but no meeting in ``placed``."""
    met = {p for a in placed for p in model.request_by_id[a.meeting_id].participants}
    return sum(
        1
        for p in model.participants
        if p.id not in met
        and any(model.candidate_slots(model.request_by_id[m]) for m in model.requests_of[p.id])
    )


def compare_large(model: EventModel, *, time_limit: float = 120.0, workers: int = 2) -> dict[str, object]:
    """Solver (max weighted meetings, bound, gap) against first-fit and priority-order greedy baselines."""
    out: dict[str, object] = {
        "instance": model.name,
        "participants": len(model.participants),
        "requests": len(model.requests),
        "slots": len(model.slots),
        "tables": len(model.tables),
    }
    for name, order in (
        ("first_fit", None),
        ("priority_greedy", [r.id for r in sorted(model.requests, key=lambda r: -r.weight)]),
    ):
        t0 = time.monotonic()
        placed = first_fit(model, order)
        seconds = time.monotonic() - t0
        out[name] = _figures(model, [Assignment(m, s, t) for m, (s, t) in placed.items()], seconds)
    result = solve(model, time_limit=time_limit, workers=workers, breaks=False)
    solver = _figures(model, result.assignments, result.seconds)
    solver.update(
        weight_bound=result.weight_bound,
        gap=round(result.gap, 5),
        optimal=result.optimal,
        share_of_bound=round(result.weight / max(1, result.weight_bound), 5),
    )
    out["solver"] = solver
    for name in ("first_fit", "priority_greedy"):
        base = out[name]
        assert isinstance(base, dict)
        out[f"uplift_weight_vs_{name}"] = round(result.weight / max(1, int(base["weight"])) - 1, 4)
        out[f"uplift_meetings_vs_{name}"] = round(result.meetings / max(1, int(base["scheduled"])) - 1, 4)
    return out
