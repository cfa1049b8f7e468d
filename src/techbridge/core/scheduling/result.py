"""What the scheduler returns: assignments, objective values, bounds, and typed infeasibility."""

from __future__ import annotations

from dataclasses import dataclass, field

OPTIMAL = "optimal"  # every lexicographic stage that ran was proven optimal
FEASIBLE = "feasible"  # a valid schedule, optimality not proven within the time limit
HEURISTIC = "heuristic"  # produced by the greedy heuristic only (no exact stage ran)


@dataclass(frozen=True)
class Assignment:
    """Meeting ``meeting_id`` takes place in slot ``slot`` at table ``table`` (None: virtual)."""

    meeting_id: str
    slot: int
    table: str | None = None


@dataclass
class ScheduleResult:
    """A schedule and its lexicographic objective values with proven bounds.

    ``weight_bound`` is an upper bound on the placed weight, ``breaks_bound`` a lower bound on the
    total breaks (given the placed weight); ``gap`` is the relative gap of the weight stage.
    """

    assignments: list[Assignment]
    status: str
    meetings: int
    weight: int
    weight_bound: int
    breaks: int
    breaks_bound: int
    table_changes: int
    seconds: float
    unplaced: list[str] = field(default_factory=list)
    stages: list[dict[str, object]] = field(default_factory=list)

    @property
    def gap(self) -> float:
        """Relative gap between placed weight and its proven upper bound (0 = proven optimal)."""
        if self.weight_bound <= 0:
            return 0.0
        return max(0.0, (self.weight_bound - self.weight) / self.weight_bound)

    @property
    def optimal(self) -> bool:
        return self.status == OPTIMAL

    def slot_of(self) -> dict[str, int]:
        return {a.meeting_id: a.slot for a in self.assignments}


@dataclass(frozen=True)
class Conflict:
    """One reason why an event cannot be scheduled: the participants, meetings and slots involved."""

    kind: str
    message: str
    participants: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()
    slots: tuple[int, ...] = ()


class InfeasibleEventError(Exception):
    """No schedule satisfies the hard rules; ``conflicts`` lists which rules clash, and where."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        lines = "; ".join(c.message for c in conflicts[:5])
        more = f" (+{len(conflicts) - 5} more)" if len(conflicts) > 5 else ""
        super().__init__(f"the event cannot be scheduled: {lines}{more}")
