"""Greedy schedulers: the first-fit baseline, and a priority greedy used for warm starts.

``first_fit`` takes requests in the given order and books the first common free slot and table: the
way events are often scheduled by hand. ``priority_greedy`` first gives every participant one meeting
(fewest options first), then places requests by weight, preferring slots next to a participant's other
meetings so that few breaks arise (a list-scheduling heuristic, cf. Graham 1969).
"""

from __future__ import annotations

from collections import defaultdict

from .model import IN_PERSON, EventModel, MeetingRequest


class _Board:
    """Mutable booking state: who is busy when, which tables are taken, caps and precedences."""

    def __init__(self, model: EventModel, use_buffers: bool = False):
        self.model = model
        self.use_buffers = use_buffers
        self.busy: dict[str, set[int]] = defaultdict(set)
        self.taken: dict[int, set[str]] = defaultdict(set)
        self.virtual: dict[int, int] = defaultdict(int)
        self.placed: dict[str, tuple[int, str | None]] = {}
        self.day_of = {s.index: s.day for s in model.slots}
        self.next_in_day = {
            a.index: b.index for a, b in zip(model.slots, model.slots[1:], strict=False) if a.day == b.day
        }
        self.prev_in_day = {b: a for a, b in self.next_in_day.items()}
        self.before: dict[str, list[str]] = defaultdict(list)
        self.after: dict[str, list[str]] = defaultdict(list)
        for pr in model.precedences:
            self.before[pr.after].append(pr.before)
            self.after[pr.before].append(pr.after)

    def table_for(self, r: MeetingRequest, slot: int) -> str | None | bool:
        """A free table (None for virtual), or False when the slot cannot host the meeting."""
        if r.mode != IN_PERSON:
            cap = self.model.virtual_capacity
            return None if cap is None or self.virtual[slot] < cap else False
        free = [
            t
            for t in self.model.tables
            if t.id not in self.taken[slot]
            and slot not in t.unavailable
            and t.seats >= len(r.participants)
            and (r.fixed_table is None or t.id == r.fixed_table)
        ]
        return min(free, key=lambda t: t.seats).id if free else False

    def can(self, r: MeetingRequest, slot: int) -> bool:
        for pid in r.participants:
            cap = self.model.cap(pid)
            if slot in self.busy[pid] or (cap is not None and len(self.busy[pid]) >= cap):
                return False
        for b in self.before[r.id]:
            if b not in self.placed or self.placed[b][0] >= slot:
                return False
        return all(a not in self.placed or self.placed[a][0] > slot for a in self.after[r.id])

    def book(self, r: MeetingRequest, slot: int, table: str | None) -> None:
        self.placed[r.id] = (slot, table)
        for pid in r.participants:
            self.busy[pid].add(slot)
        if table is not None:
            self.taken[slot].add(table)
        elif r.mode != IN_PERSON:
            self.virtual[slot] += 1

    def try_place(self, r: MeetingRequest, slots: list[int]) -> bool:
        for slot in slots:
            if not self.can(r, slot):
                continue
            table = self.table_for(r, slot)
            if table is not False:
                self.book(r, slot, table if isinstance(table, str) else None)
                return True
        return False

    def compactness(self, r: MeetingRequest, slot: int) -> int:
        """Lower is better: neighbours of existing meetings score -1, isolated slots +1 per participant."""
        score = 0
        for pid in r.participants:
            mine = self.busy[pid]
            if not mine:
                continue
            near = self.prev_in_day.get(slot) in mine or self.next_in_day.get(slot) in mine
            score += -1 if near else 1
        return score


def first_fit(model: EventModel, order: list[str] | None = None) -> dict[str, tuple[int, str | None]]:
    """Baseline: each request in order gets the first common free slot and table (meeting -> (slot, table))."""
    board = _Board(model)
    for mid in order or [r.id for r in model.requests]:
        r = model.request_by_id[mid]
        board.try_place(r, model.candidate_slots(r))
    return board.placed


def priority_greedy(
    model: EventModel,
    *,
    use_buffers: bool = False,
    keep: dict[str, tuple[int, str | None]] | None = None,
    compact: bool = True,
) -> dict[str, tuple[int, str | None]]:
    """Warm-start heuristic: pinned and fixed meetings, one meeting per participant, then by weight.

    ``compact`` prefers slots next to a participant's other meetings (fewer breaks); without it the
    earliest free slot is taken (usually a little more weight on crowded events).
    """
    board = _Board(model, use_buffers)
    for mid, (slot, table) in (keep or {}).items():
        board.book(model.request_by_id[mid], slot, table)
    options = {r.id: model.candidate_slots(r, use_buffers=use_buffers) for r in model.requests}
    fixed = [r for r in model.requests if r.fixed_slot is not None and r.id not in board.placed]
    for r in fixed:
        board.try_place(r, options[r.id])
    if model.guard_zero:
        _one_each(model, board, options)
    rest = sorted(
        (r for r in model.requests if r.id not in board.placed),
        key=lambda r: (len(board.before[r.id]) > 0, -r.weight, len(options[r.id]), r.id),
    )
    for r in rest:
        ranked = (
            sorted(options[r.id], key=lambda s: (board.compactness(r, s), s)) if compact else options[r.id]
        )
        board.try_place(r, ranked)
    return board.placed


def _one_each(model: EventModel, board: _Board, options: dict[str, list[int]]) -> None:
    """Give every participant with a placeable request one meeting, the most constrained first."""
    people = sorted(model.participants, key=lambda p: sum(len(options[m]) for m in model.requests_of[p.id]))
    for p in people:
        if board.busy[p.id]:
            continue
        mine = sorted(
            (model.request_by_id[m] for m in model.requests_of[p.id] if options[m]),
            key=lambda r: (-r.weight, len(options[r.id])),
        )
        for r in mine:
            if r.id not in board.placed and board.try_place(r, options[r.id]):
                break
