"""Meeting scheduler for docking conferences (brokerage events): optimal, provable, explained.

Input is an :class:`EventModel` of frozen dataclasses (no Django):

- :class:`Participant` (a person; ``organisation`` groups a delegation; ``unavailable`` slots; ``max_meetings``),
- :class:`Slot` (chronological ``index``, ``day``, ``session``; ``buffer`` slots stay free for on-site changes),
- :class:`Table` (``seats``, ``unavailable`` slots); virtual meetings take no table,
- :class:`MeetingRequest` (two or more ``participants``, ``priority``, ``mutual``, ``mode``, ``allowed_slots``,
  ``fixed_slot``/``fixed_table``, ``locked``, ``host`` who keeps the table),
- :class:`Precedence` (``before`` in an earlier slot than ``after``),
- event rules: ``require_all``, ``max_meetings_per_participant``, ``fairness_spread``, ``guard_zero``,
  ``virtual_capacity``. ``EventModel.check()`` raises :class:`ModelError` naming the field.

Typical use by the events app (a background job)::

    result = solve(model, time_limit=60, progress=lambda fraction, message: job.update(fraction, message))
    for a in result.assignments:          # Assignment(meeting_id, slot, table)
        ...
    result.status                          # "optimal" | "feasible" | "heuristic"
    result.weight, result.weight_bound, result.gap       # stage 1: weighted meetings and proven upper bound
    result.breaks, result.breaks_bound                    # stage 2: total breaks and proven lower bound
    result.table_changes, result.unplaced

The objective is lexicographic: most weighted meetings (weight = priority, doubled when mutual), then
fewest breaks under the fairness spread, then fewest table changes (hosts keep one table; heuristic
stage). A break is a maximal run of idle slots between two meetings of a participant on one day.
Infeasible events raise :class:`InfeasibleEventError` whose ``conflicts`` list :class:`Conflict`
(kind, message, participants, meetings, slots); there is never a silent partial schedule of required
meetings. :func:`reschedule` re-plans after cancellations, no-shows and added requests, moving as few
meetings as possible and never locked ones. :func:`validate` is an independent checker that recounts
the objective. :func:`read_dzn` reads the MiniZinc instances of Bofill et al. (JAIR 2022).
"""

from .dzn import DznError, read_dzn
from .heuristic import first_fit, priority_greedy
from .model import (
    IN_PERSON,
    VIRTUAL,
    EventModel,
    MeetingRequest,
    ModelError,
    Participant,
    Precedence,
    Slot,
    Table,
)
from .reschedule import RescheduleResult, reschedule
from .result import Assignment, Conflict, InfeasibleEventError, ScheduleResult
from .solver import SchedulingTimeoutError, solve
from .validate import ValidationReport, count_breaks, validate

__all__ = [
    "IN_PERSON",
    "VIRTUAL",
    "Assignment",
    "Conflict",
    "DznError",
    "EventModel",
    "InfeasibleEventError",
    "MeetingRequest",
    "ModelError",
    "Participant",
    "Precedence",
    "RescheduleResult",
    "ScheduleResult",
    "SchedulingTimeoutError",
    "Slot",
    "Table",
    "ValidationReport",
    "count_breaks",
    "first_fit",
    "priority_greedy",
    "read_dzn",
    "reschedule",
    "solve",
    "validate",
]
