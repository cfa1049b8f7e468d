"""Explain infeasible events before (and after) solving: which participants, meetings and slots clash.

Cheap necessary conditions first (fixed clashes, no common free slot, more required meetings than free
slots or than the cap -- Hall's condition per participant, fixed meetings beyond a slot's tables,
precedence cycles or fixed precedences in the wrong order). When these pass but the solver still
proves infeasibility, :mod:`.cpsat` extracts a core of meetings with assumption literals.
"""

from __future__ import annotations

from collections import defaultdict

from .model import IN_PERSON, EventModel, MeetingRequest
from .result import Conflict


def required(model: EventModel, r: MeetingRequest) -> bool:
    """A request that must be placed: all are when ``require_all``; fixed and locked ones always are."""
    return model.require_all or r.fixed_slot is not None or r.locked


def precheck(model: EventModel, *, use_buffers: bool = False) -> list[Conflict]:
    """Every conflict found by the cheap tests; empty when none is found (not a proof of feasibility)."""
    options = {r.id: model.candidate_slots(r, use_buffers=use_buffers) for r in model.requests}
    out: list[Conflict] = []
    out += _fixed_clashes(model)
    out += _no_common_slot(model, options)
    out += _overloaded(model, options)
    out += _fixed_overflow(model)
    out += _precedence_conflicts(model)
    return out


def _fixed_clashes(model: EventModel) -> list[Conflict]:
    at: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in model.requests:
        if r.fixed_slot is not None:
            for pid in r.participants:
                at[(pid, r.fixed_slot)].append(r.id)
    return [
        Conflict(
            "fixed_clash",
            f"participant {pid!r} has {len(ms)} fixed meetings in slot {slot}: {ms}",
            (pid,),
            tuple(ms),
            (slot,),
        )
        for (pid, slot), ms in sorted(at.items())
        if len(ms) > 1
    ]


def _no_common_slot(model: EventModel, options: dict[str, list[int]]) -> list[Conflict]:
    out = []
    for r in model.requests:
        if options[r.id] or not required(model, r):
            continue
        busy = {pid: sorted(model.participant_by_id[pid].unavailable) for pid in r.participants}
        where = f"fixed slot {r.fixed_slot}" if r.fixed_slot is not None else "any allowed slot"
        out.append(
            Conflict(
                "no_common_slot",
                f"meeting {r.id!r}: participants {list(r.participants)} share no free slot ({where}; unavailable: {busy})",
                r.participants,
                (r.id,),
                tuple(sorted({s for v in busy.values() for s in v})),
            )
        )
    return out


def _overloaded(model: EventModel, options: dict[str, list[int]]) -> list[Conflict]:
    out = []
    for p in model.participants:
        # meetings with no slot at all are reported by _no_common_slot already
        must = [m for m in model.requests_of[p.id] if required(model, model.request_by_id[m]) and options[m]]
        if not must:
            continue
        free = sorted({s for m in must for s in options[m]})
        cap = model.cap(p.id)
        if len(must) > len(free):
            out.append(
                Conflict(
                    "overloaded",
                    f"participant {p.id!r} must attend {len(must)} meetings "
                    f"but has only {len(free)} usable slots",
                    (p.id,),
                    tuple(must),
                    tuple(free),
                )
            )
        elif cap is not None and len(must) > cap:
            out.append(
                Conflict(
                    "over_cap",
                    f"participant {p.id!r} must attend {len(must)} meetings but is capped at {cap}",
                    (p.id,),
                    tuple(must),
                )
            )
    return out


def _fixed_overflow(model: EventModel) -> list[Conflict]:
    at: dict[int, list[str]] = defaultdict(list)
    for r in model.requests:
        if r.fixed_slot is not None and r.mode == IN_PERSON:
            at[r.fixed_slot].append(r.id)
    out = []
    for slot, ms in sorted(at.items()):
        open_tables = [t for t in model.tables if slot not in t.unavailable]
        if len(ms) > len(open_tables):
            people = sorted({p for m in ms for p in model.request_by_id[m].participants})
            out.append(
                Conflict(
                    "tables_full",
                    f"slot {slot}: {len(ms)} fixed in-person meetings but {len(open_tables)} open tables",
                    tuple(people),
                    tuple(ms),
                    (slot,),
                )
            )
    return out


def _precedence_conflicts(model: EventModel) -> list[Conflict]:
    out = []
    for pr in model.precedences:
        a, b = model.request_by_id[pr.before], model.request_by_id[pr.after]
        if a.fixed_slot is not None and b.fixed_slot is not None and a.fixed_slot >= b.fixed_slot:
            out.append(
                Conflict(
                    "precedence",
                    f"meeting {a.id!r} (fixed slot {a.fixed_slot}) must precede "
                    f"{b.id!r} (fixed slot {b.fixed_slot})",
                    (),
                    (a.id, b.id),
                    (a.fixed_slot, b.fixed_slot),
                )
            )
    cycle = _find_cycle(model)
    if cycle:
        out.append(
            Conflict("precedence_cycle", f"precedences form a cycle: {' -> '.join(cycle)}", (), tuple(cycle))
        )
    return out


def _find_cycle(model: EventModel) -> list[str]:
    succ: dict[str, list[str]] = defaultdict(list)
    for pr in model.precedences:
        succ[pr.before].append(pr.after)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in succ[node]:
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for start in list(succ):
        if start not in state and (found := visit(start)):
            return found
    return []
