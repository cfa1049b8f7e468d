"""The organiser's schedule: build the core EventModel from the database, run solve or reschedule, store.

Participant ids are "p<registration pk>", meeting ids "m<meeting pk>", tables "T1".."Tn". An infeasible
event keeps its previous schedule and stores the core's conflicts for the page: never a partial schedule.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.core import scheduling as core
from techbridge.events import rules, timeplan
from techbridge.events.models import Event, Meeting, MeetingStatus

TIME_LIMIT = 20.0
Progress = Callable[[float, str], None]


def planned_meetings(event: Event):
    return Meeting.objects.filter(event=event, status=MeetingStatus.PLANNED).select_related(
        "request__requester", "request__recipient"
    )


def build_model(event: Event, *, pin_locked: bool = True) -> core.EventModel:
    """The core's input for this event: registrations, slots, tables and the planned meetings."""
    slots = timeplan.slot_times(event)
    # By key, not by the stored slots: the same meetings give the same model (and, proven, the same schedule)
    # whether or not an earlier run placed them.
    meetings = sorted(planned_meetings(event), key=lambda m: m.pk)
    regs = {m.request.requester for m in meetings} | {m.request.recipient for m in meetings}
    participants = tuple(
        core.Participant(id=f"p{r.pk}", organisation=f"o{r.organisation_id}")
        for r in sorted(regs, key=lambda r: r.pk)
    )
    requests = []
    for m in meetings:
        pinned = pin_locked and m.locked and m.slot is not None
        requests.append(
            core.MeetingRequest(
                id=f"m{m.pk}",
                participants=(f"p{m.request.requester_id}", f"p{m.request.recipient_id}"),
                mode=core.VIRTUAL if m.virtual else core.IN_PERSON,
                locked=m.locked,
                fixed_slot=m.slot if pinned else None,
                fixed_table=(m.table or None) if pinned and not m.virtual else None,
            )
        )
    return core.EventModel(
        participants=participants,
        slots=tuple(core.Slot(index=s.index, day=s.day, session=f"{s.day}-{s.session}") for s in slots),
        tables=tuple(core.Table(id=f"T{i}") for i in range(1, event.tables + 1)),
        requests=tuple(requests),
        require_all=event.require_all,
        max_meetings_per_participant=event.max_meetings,
        name=event.title,
    ).check()


def schedule_submit(*, event: Event, by, mode: str = "schedule", time_limit: float = TIME_LIMIT):
    """Start the (re)scheduling job; returns the Job (already done with the eager backend)."""
    from techbridge.jobs.services import job_submit

    if not rules.is_organiser(by):
        raise PermissionDenied("Only organisers schedule events.")
    if mode not in ("schedule", "reschedule"):
        raise ValidationError({"mode": [_("Choose schedule or reschedule.")]})
    if not planned_meetings(event).exists():
        raise ValidationError({"meetings": [_("There are no accepted meetings to schedule yet.")]})
    job = job_submit(
        kind="events.schedule",
        params={"event_id": event.pk, "mode": mode, "time_limit": time_limit},
        by=by,
        result_url=f"/events/{event.pk}/schedule/",
    )
    Event.objects.filter(pk=event.pk).update(schedule_job=job)
    event.schedule_job = job
    return job


def _frozen_until(event: Event) -> int | None:
    """On the day, slots that have started are past: their meetings never move."""
    now = timezone.now()
    started = [s.index for s in timeplan.slot_times(event) if s.start <= now]
    return (max(started) + 1) if started else None


def schedule_compute(
    event: Event, *, mode: str = "schedule", time_limit: float = TIME_LIMIT, progress: Progress | None = None
) -> dict:
    """Solve (or reschedule from the stored slots) and store the result; returns the summary."""
    try:
        model = build_model(event, pin_locked=mode == "schedule")
        if mode == "reschedule":
            previous = [
                core.Assignment(f"m{m.pk}", m.slot, m.table or None)
                for m in planned_meetings(event)
                if m.slot is not None
            ]
            re = core.reschedule(
                model, previous, frozen_until=_frozen_until(event), time_limit=time_limit, progress=progress
            )
            result, moved = re.schedule, len(re.moved)
        else:
            result, moved = _solve(model, time_limit, progress), None
    except core.InfeasibleEventError as exc:
        return _store_conflicts(event, [_conflict(c) for c in exc.conflicts])
    except (core.ModelError, timeplan.PlanError) as exc:
        return _store_conflicts(event, [{"kind": "input", "message": str(exc)}])
    except core.SchedulingTimeoutError as exc:
        return _store_conflicts(event, [{"kind": "timeout", "message": str(exc)}], status="timeout")
    # All requests placed is always a valid upper bound; CP-SAT's bound after a short run can be looser.
    result.weight_bound = min(result.weight_bound, sum(r.weight for r in model.requests))
    return _store(event, result, moved)


def _solve(model: core.EventModel, time_limit: float, progress: Progress | None) -> core.ScheduleResult:
    """Most meetings, then fewest breaks; when the breaks stage finds nothing within the limit (short
    limits on busy machines), keep the most-meetings schedule with its proven bound instead of failing."""
    try:
        return core.solve(model, time_limit=time_limit, progress=progress)
    except core.SchedulingTimeoutError:
        result = core.solve(model, time_limit=time_limit, progress=progress, breaks=False)
        result.stages.append({"stage": "breaks", "status": "skipped: no solution within the time limit"})
        return result


def _conflict(c: core.Conflict) -> dict:
    return {
        "kind": c.kind,
        "message": c.message,
        "participants": [int(p[1:]) for p in c.participants if p[1:].isdigit()],
        "meetings": [int(m[1:]) for m in c.meetings if m[1:].isdigit()],
        "slots": list(c.slots),
    }


def _store_conflicts(event: Event, conflicts: list[dict], status: str = "infeasible") -> dict:
    """Keep the previous schedule untouched; remember why this run produced none."""
    Event.objects.filter(pk=event.pk).update(schedule_status=status, schedule_conflicts=conflicts)
    return {"status": status, "conflicts": conflicts}


@transaction.atomic
def _store(event: Event, result: core.ScheduleResult, moved: int | None) -> dict:
    placed = {a.meeting_id: a for a in result.assignments}
    for m in planned_meetings(event):
        a = placed.get(f"m{m.pk}")
        m.slot, m.table = (a.slot, a.table or "") if a else (None, "")
        m.save(update_fields=["slot", "table"])
    summary = {
        "status": result.status,
        "meetings": result.meetings,
        "weight": result.weight,
        "weight_bound": result.weight_bound,
        "gap": round(result.gap, 4),
        "breaks": result.breaks,
        "breaks_bound": result.breaks_bound,
        "unplaced": len(result.unplaced),
        "moved": moved,
    }
    Event.objects.filter(pk=event.pk).update(
        schedule_status=result.status,
        schedule_weight=result.weight,
        schedule_bound=result.weight_bound,
        schedule_breaks=result.breaks,
        schedule_breaks_bound=result.breaks_bound,
        schedule_moved=moved,
        schedule_conflicts=[],
        scheduled_at=timezone.now(),
    )
    return summary
