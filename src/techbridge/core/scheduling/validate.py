"""Independent schedule validator: checks every rule and recounts the objective from scratch.

Deliberately shares no constraint code with the solver (only the input dataclasses), so a solver bug
cannot hide itself. A break is one maximal run of idle slots between two meetings of a participant on
the same day (Bofill et al., JAIR 2022); a table change is two consecutive in-person meetings of a
participant at different tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import IN_PERSON, VIRTUAL, EventModel
from .result import Assignment


@dataclass
class ValidationReport:
    """The verdict (``valid``), every violation in words, and the recounted objective."""

    violations: list[str]
    meetings: int
    weight: int
    breaks: int
    table_changes: int
    breaks_of: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.violations


def count_breaks(busy_slots: Iterable[int], model: EventModel) -> int:
    """Idle gaps between meetings, per day: busy positions that do not follow the previous one."""
    day_of = {s.index: s.day for s in model.slots}
    position = {}
    for day in set(day_of.values()):
        day_slots = sorted(i for i, d in day_of.items() if d == day)
        position.update({i: k for k, i in enumerate(day_slots)})
    by_day: dict[int, list[int]] = defaultdict(list)
    for s in busy_slots:
        by_day[day_of[s]].append(position[s])
    gaps = 0
    for positions in by_day.values():
        positions.sort()
        gaps += sum(1 for a, b in zip(positions, positions[1:], strict=False) if b > a + 1)
    return gaps


def validate(
    model: EventModel, assignments: list[Assignment], *, allow_buffers: bool = False
) -> ValidationReport:
    """Check ``assignments`` against every rule of ``model``; never raises on a bad schedule."""
    v: list[str] = []
    placed = _check_each(model, assignments, allow_buffers, v)
    _check_clashes(model, placed, v)
    _check_precedences(model, placed, v)
    meetings_of: dict[str, list[Assignment]] = defaultdict(list)
    for a in placed.values():
        for pid in model.request_by_id[a.meeting_id].participants:
            meetings_of[pid].append(a)
    _check_caps(model, meetings_of, v)
    if model.require_all:
        missing = [r.id for r in model.requests if r.id not in placed]
        if missing:
            v.append(f"require_all: {len(missing)} request(s) not placed, e.g. {missing[:5]}")
    breaks_of = {p.id: count_breaks([a.slot for a in meetings_of[p.id]], model) for p in model.participants}
    _check_fairness(model, breaks_of, v)
    if model.guard_zero:
        _check_guard(model, meetings_of, v)
    changes = sum(_table_changes(meetings_of[p.id]) for p in model.participants)
    weight = sum(model.request_by_id[m].weight for m in placed)
    return ValidationReport(v, len(placed), weight, sum(breaks_of.values()), changes, breaks_of)


def _check_each(
    model: EventModel, assignments: list[Assignment], allow_buffers: bool, v: list[str]
) -> dict[str, Assignment]:
    slots = {s.index: s for s in model.slots}
    placed: dict[str, Assignment] = {}
    for a in assignments:
        r = model.request_by_id.get(a.meeting_id)
        if r is None:
            v.append(f"meeting {a.meeting_id!r}: not a request of this event")
            continue
        if a.meeting_id in placed:
            v.append(f"meeting {a.meeting_id!r}: placed twice")
            continue
        if a.slot not in slots:
            v.append(f"meeting {a.meeting_id!r}: unknown slot {a.slot}")
            continue
        placed[a.meeting_id] = a
        if slots[a.slot].buffer and not allow_buffers:
            v.append(f"meeting {r.id!r}: slot {a.slot} is a buffer slot")
        if r.allowed_slots is not None and a.slot not in r.allowed_slots:
            v.append(f"meeting {r.id!r}: slot {a.slot} is outside its allowed slots (session)")
        if r.fixed_slot is not None and a.slot != r.fixed_slot:
            v.append(f"meeting {r.id!r}: fixed to slot {r.fixed_slot}, placed in {a.slot}")
        for pid in r.participants:
            if a.slot in model.participant_by_id[pid].unavailable:
                v.append(f"meeting {r.id!r}: participant {pid!r} is unavailable in slot {a.slot}")
        _check_table(model, r.id, a, v)
    return placed


def _check_table(model: EventModel, meeting_id: str, a: Assignment, v: list[str]) -> None:
    r = model.request_by_id[meeting_id]
    if r.mode == VIRTUAL:
        if a.table is not None:
            v.append(f"meeting {r.id!r}: virtual, but given table {a.table!r}")
        return
    if a.table is None:
        v.append(f"meeting {r.id!r}: in person, but no table")
        return
    table = model.table_by_id.get(a.table)
    if table is None:
        v.append(f"meeting {r.id!r}: unknown table {a.table!r}")
        return
    if table.seats < len(r.participants):
        v.append(
            f"meeting {r.id!r}: table {table.id!r} seats {table.seats} < {len(r.participants)} participants"
        )
    if a.slot in table.unavailable:
        v.append(f"meeting {r.id!r}: table {table.id!r} is closed in slot {a.slot}")
    if r.fixed_table is not None and a.table != r.fixed_table:
        v.append(f"meeting {r.id!r}: fixed to table {r.fixed_table!r}, placed at {a.table!r}")


def _check_clashes(model: EventModel, placed: dict[str, Assignment], v: list[str]) -> None:
    person_slot: dict[tuple[str, int], list[str]] = defaultdict(list)
    table_slot: dict[tuple[str, int], list[str]] = defaultdict(list)
    virtual_in: dict[int, int] = defaultdict(int)
    for a in placed.values():
        r = model.request_by_id[a.meeting_id]
        for pid in r.participants:
            person_slot[(pid, a.slot)].append(r.id)
        if r.mode == IN_PERSON and a.table is not None:
            table_slot[(a.table, a.slot)].append(r.id)
        if r.mode == VIRTUAL:
            virtual_in[a.slot] += 1
    for (pid, slot), ms in sorted(person_slot.items()):
        if len(ms) > 1:
            v.append(f"participant {pid!r}: {len(ms)} meetings in slot {slot}: {sorted(ms)}")
    for (tid, slot), ms in sorted(table_slot.items()):
        if len(ms) > 1:
            v.append(f"table {tid!r}: {len(ms)} meetings in slot {slot}: {sorted(ms)}")
    cap = model.virtual_capacity
    for slot, n in sorted(virtual_in.items()):
        if cap is not None and n > cap:
            v.append(f"slot {slot}: {n} virtual meetings > capacity {cap}")


def _check_precedences(model: EventModel, placed: dict[str, Assignment], v: list[str]) -> None:
    for pr in model.precedences:
        after = placed.get(pr.after)
        if after is None:
            continue
        before = placed.get(pr.before)
        if before is None:
            v.append(f"precedence: {pr.after!r} is placed but {pr.before!r}, which must come first, is not")
        elif before.slot >= after.slot:
            v.append(
                f"precedence: {pr.before!r} (slot {before.slot}) must come before "
                f"{pr.after!r} (slot {after.slot})"
            )


def _check_caps(model: EventModel, meetings_of: dict[str, list[Assignment]], v: list[str]) -> None:
    for p in model.participants:
        caps = [c for c in (p.max_meetings, model.max_meetings_per_participant) if c is not None]
        n = len(meetings_of[p.id])
        if caps and n > min(caps):
            v.append(f"participant {p.id!r}: {n} meetings > cap {min(caps)}")


def _check_fairness(model: EventModel, breaks_of: dict[str, int], v: list[str]) -> None:
    spread = model.fairness_spread
    counted = [breaks_of[p.id] for p in model.participants if model.requests_of[p.id]]
    if spread is not None and counted and max(counted) - min(counted) > spread:
        v.append(f"fairness: breaks range {min(counted)}..{max(counted)} exceeds spread {spread}")


def _check_guard(model: EventModel, meetings_of: dict[str, list[Assignment]], v: list[str]) -> None:
    for p in model.participants:
        if meetings_of[p.id]:
            continue
        placeable = [m for m in model.requests_of[p.id] if model.candidate_slots(model.request_by_id[m])]
        if placeable:
            v.append(f"participant {p.id!r}: no meeting although request(s) {placeable[:3]} could be placed")


def _table_changes(assignments: list[Assignment]) -> int:
    tables = [a.table for a in sorted(assignments, key=lambda a: a.slot) if a.table is not None]
    return sum(1 for a, b in zip(tables, tables[1:], strict=False) if a != b)
