"""The CP-SAT formulation: one boolean per (meeting, candidate slot), busy and block-start indicators.

x[m, s] places meeting m in slot s; busy[p, s] is the sum of p's x in s (at most one); a block starts
where busy[p, s] holds and busy[p, s-1] does not (same day). Breaks of p on a day = blocks - 1 when p
meets that day, which equals the number of maximal idle gaps (Bofill et al., JAIR 2022). Table capacity
per slot uses Hall's condition, exact because tables with at least k seats are nested in k.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from .diagnose import required
from .model import IN_PERSON, VIRTUAL, EventModel

LinearExpr = cp_model.LinearExprT


class CpFormulation:
    """Builds and holds the CP-SAT variables of one event (constructor only builds the hard rules)."""

    def __init__(
        self,
        model: EventModel,
        *,
        use_buffers: bool = False,
        pinned: dict[str, int] | None = None,
        assume_required: bool = False,
    ):
        self.event = model
        self.cp = cp_model.CpModel()
        self.pinned = pinned or {}
        self.assumptions: dict[int, tuple[str, str]] = {}  # literal index -> (kind, id), for cores
        self.options = {
            r.id: (
                [self.pinned[r.id]]
                if r.id in self.pinned
                else model.candidate_slots(r, use_buffers=use_buffers)
            )
            for r in model.requests
        }
        self.x = {
            (m, s): self.cp.new_bool_var(f"x_{m}_{s}") for m, slots in self.options.items() for s in slots
        }
        self.placed: dict[str, cp_model.IntVar] = {}
        self.busy: dict[tuple[str, int], cp_model.IntVar] = {}
        self.busy_of: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        self._placement(assume_required)
        self._participants(redundant=not assume_required)
        self._tables()
        self._precedences()
        self.breaks_of: dict[str, LinearExpr] = {}

    def _assumption(self, kind: str, ident: str) -> cp_model.IntVar:
        lit = self.cp.new_bool_var(f"assume_{kind}_{ident}")
        self.assumptions[lit.index] = (kind, ident)
        return lit

    def _placement(self, assume_required: bool) -> None:
        for r in self.event.requests:
            placed = self.cp.new_bool_var(f"placed_{r.id}")
            self.cp.add(sum(self.x[r.id, s] for s in self.options[r.id]) == placed)
            self.placed[r.id] = placed
            if required(self.event, r) or r.id in self.pinned:
                if assume_required:
                    self.cp.add(placed == 1).only_enforce_if(self._assumption("meeting", r.id))
                else:
                    self.cp.add(placed == 1)

    def _participants(self, redundant: bool) -> None:
        by_ps: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (m, s), var in self.x.items():
            for pid in self.event.request_by_id[m].participants:
                by_ps[pid, s].append(var)
        for (pid, s), vars_ in by_ps.items():
            busy = self.cp.new_bool_var(f"busy_{pid}_{s}")
            self.cp.add(sum(vars_) == busy)
            self.busy[pid, s] = busy
            self.busy_of[pid].append(busy)
        for p in self.event.participants:
            mine = self.busy_of[p.id]
            cap = self.event.cap(p.id)
            if cap is not None and len(mine) > cap:
                self.cp.add(sum(mine) <= cap)
            must = sum(
                1 for m in self.event.requests_of[p.id] if required(self.event, self.event.request_by_id[m])
            )
            if redundant and must and mine:
                self.cp.add(sum(mine) >= must)  # redundant: tightens the LP for breaks
        self._slot_load()

    def _slot_load(self) -> None:
        """Redundant: participants busy in a slot <= seats of its open tables plus virtual places."""
        if any(r.mode == VIRTUAL for r in self.event.requests):
            return
        in_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for (_, s), v in self.busy.items():
            in_slot[s].append(v)
        for slot in self.event.slots:
            seats = sum(t.seats for t in self.event.tables if slot.index not in t.unavailable)
            busy = in_slot[slot.index]
            if len(busy) > seats:
                self.cp.add(sum(busy) <= seats)

    def _tables(self) -> None:
        by_slot: dict[int, list[str]] = defaultdict(list)
        for m, s in self.x:
            by_slot[s].append(m)
        for s, ms in by_slot.items():
            live = [self.event.request_by_id[m] for m in ms]
            in_person = [r for r in live if r.mode == IN_PERSON]
            for k in sorted({len(r.participants) for r in in_person}):
                big = [self.x[r.id, s] for r in in_person if len(r.participants) >= k]
                room = sum(1 for t in self.event.tables if t.seats >= k and s not in t.unavailable)
                if len(big) > room:
                    self.cp.add(sum(big) <= room)
            fixed: dict[str, list[cp_model.IntVar]] = defaultdict(list)
            for r in in_person:
                if r.fixed_table is not None:
                    fixed[r.fixed_table].append(self.x[r.id, s])
            for vars_ in fixed.values():
                if len(vars_) > 1:
                    self.cp.add_at_most_one(vars_)
            virtual = [self.x[r.id, s] for r in live if r.mode == VIRTUAL]
            cap = self.event.virtual_capacity
            if cap is not None and len(virtual) > cap:
                self.cp.add(sum(virtual) <= cap)

    def position(self, m: str) -> LinearExpr:
        return sum(s * self.x[m, s] for s in self.options[m])

    def _precedences(self) -> None:
        for pr in self.event.precedences:
            after = self.placed[pr.after]
            self.cp.add_implication(after, self.placed[pr.before])
            self.cp.add(self.position(pr.before) + 1 <= self.position(pr.after)).only_enforce_if(after)

    def add_guard(self, who: set[str] | None = None, assume: bool = False) -> None:
        """Every participant in ``who`` (default: all) with a placeable request gets at least one meeting."""
        for p in self.event.participants:
            mine = self.busy_of[p.id]
            if mine and (who is None or p.id in who):
                ct = self.cp.add(sum(mine) >= 1)
                if assume:
                    ct.only_enforce_if(self._assumption("guard", p.id))

    def weight(self) -> LinearExpr:
        return sum(self.event.request_by_id[m].weight * v for m, v in self.placed.items())

    def add_breaks(self, assume_fairness: bool = False) -> LinearExpr:
        """Create block-start indicators; return total breaks and add the fairness spread if any."""
        days: dict[int, list[int]] = defaultdict(list)
        for slot in self.event.slots:
            days[slot.day].append(slot.index)
        total: list[LinearExpr] = []
        for p in self.event.participants:
            per_day = [self._breaks_on_day(p.id, d, slots) for d, slots in days.items()]
            self.breaks_of[p.id] = sum(b for b in per_day if b is not None)
            total.extend(b for b in per_day if b is not None)
        spread = self.event.fairness_spread
        if spread is not None:
            hi = self.cp.new_int_var(0, len(self.event.slots), "breaks_max")
            lo = self.cp.new_int_var(0, len(self.event.slots), "breaks_min")
            for p in self.event.participants:
                if self.event.requests_of[p.id]:
                    self.cp.add(hi >= self.breaks_of[p.id])
                    self.cp.add(lo <= self.breaks_of[p.id])
            ct = self.cp.add(hi - lo <= spread)
            if assume_fairness:
                ct.only_enforce_if(self._assumption("fairness", "spread"))
        return sum(total)

    def _breaks_on_day(self, pid: str, day: int, slots: list[int]) -> LinearExpr | None:
        """Gap ends (slot k idle, k+1 busy, a meeting before) counted; gap starts must match.

        Unlike counting block starts alone, the prefix/suffix "seen" literals propagate contiguity:
        with no break left, a busy slot after an earlier meeting forces the slot before it busy, and
        symmetrically from the right (redundant, for faster proofs).
        """
        busy = [self.busy.get((pid, s)) for s in slots]
        if sum(b is not None for b in busy) < 2:
            return None
        ends = self._gap_ends(pid, busy, slots, "l")
        starts = self._gap_ends(pid, busy[::-1], slots[::-1], "r")
        # A bounded variable (not the bare sum) gives the objective a trivial bound of 0.
        gaps = self.cp.new_int_var(0, (len(slots) - 1) // 2, f"breaks_{pid}_{day}")
        self.cp.add(gaps == sum(ends))
        self.cp.add(gaps == sum(starts))
        return gaps

    def _gap_ends(self, pid: str, busy: list[cp_model.IntVar | None], slots: list[int], tag: str) -> list:
        """Literals e[k] <=> busy[k+1], not busy[k], and some busy slot at or before k (in list order)."""
        seen: list[cp_model.IntVar | None] = []
        prev: cp_model.IntVar | None = None
        for k, b in enumerate(busy):
            if b is None:
                seen.append(prev)
                continue
            if prev is None:
                seen.append(b)
            else:
                f = self.cp.new_bool_var(f"seen{tag}_{pid}_{slots[k]}")
                self.cp.add_implication(prev, f)
                self.cp.add_implication(b, f)
                self.cp.add_bool_or([prev, b, f.negated()])
                seen.append(f)
            prev = seen[-1]
        ends = []
        for k in range(len(busy) - 1):
            nxt, here, before = busy[k + 1], busy[k], seen[k]
            if nxt is None or before is None:
                continue
            e = self.cp.new_bool_var(f"gap{tag}_{pid}_{slots[k]}")
            self.cp.add_implication(e, nxt)
            self.cp.add_implication(e, before)
            if here is not None:
                self.cp.add_implication(e, here.negated())
                self.cp.add_bool_or([before.negated(), here, nxt.negated(), e])
            else:
                self.cp.add_bool_or([before.negated(), nxt.negated(), e])
            ends.append(e)
        return ends
