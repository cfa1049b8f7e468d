"""Writes of plans (goals, targets, readings), exchange programmes (participants, milestones) and the
calendar."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from techbridge.planning.models import (
    CalendarEvent,
    Goal,
    Milestone,
    Participation,
    Plan,
    Programme,
    Target,
    TargetReading,
)
from techbridge.planning.selectors import target_value


def plan_create(*, by, data: dict) -> Plan:
    return Plan.objects.create(created_by=by, **data)


def goal_add(*, plan: Plan, title: str, parent: Goal | None = None) -> Goal:
    return Goal.objects.create(plan=plan, title=title, parent=parent, position=plan.goals.count())


def target_add(*, goal: Goal, data: dict) -> Target:
    fields = {
        k: data.get(k) for k in ("title", "unit", "baseline", "target_value", "start", "due", "manual_value")
    }
    fields["baseline"] = fields["baseline"] or 0
    fields["unit"] = fields["unit"] or ""
    target = Target.objects.create(
        goal=goal,
        metric=data.get("metric") or "",
        metric_params=data.get("metric_params") or {},
        position=goal.targets.count(),
        **fields,
    )
    reading_record(target=target)
    return target


def reading_record(
    *, target: Target, value: float | None = None, on: dt.date | None = None
) -> TargetReading | None:
    """Store today's value (entered, or the computed metric's snapshot) as a reading for the trend."""
    on = on or timezone.localdate()
    if value is not None and not target.metric:
        target.manual_value = value
        target.save(update_fields=["manual_value"])
    current = value if value is not None else target_value(target)
    if current is None:
        return None
    reading, _created = TargetReading.objects.update_or_create(
        target=target, on=on, defaults={"value": current}
    )
    return reading


def plan_snapshot(*, plan: Plan, on: dt.date | None = None) -> int:
    """Record every target's current value (a daily job keeps the trend lines going)."""
    count = 0
    for goal in plan.goals.prefetch_related("targets"):
        for target in goal.targets.all():
            count += reading_record(target=target, on=on) is not None
    return count


def programme_save(*, by, form, programme: Programme | None = None) -> Programme:
    with transaction.atomic():
        programme = form.save(commit=False)
        if programme.pk is None:
            programme.created_by = by
        programme.save()
        form.save_m2m()
        people = set(p.pk for p in form.cleaned_data.get("participants") or [])
        programme.participations.exclude(person_id__in=people).delete()
        have = set(programme.participations.values_list("person_id", flat=True))
        Participation.objects.bulk_create(
            [Participation(programme=programme, person_id=pk) for pk in sorted(people - have)]
        )
    return programme


def milestone_add(*, programme: Programme, title: str, due: dt.date) -> Milestone:
    return Milestone.objects.create(programme=programme, title=title, due=due)


def milestone_done(*, milestone: Milestone, on: dt.date | None = None) -> Milestone:
    milestone.done_on = on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone


def calendar_event_save(*, form) -> CalendarEvent:
    return form.save()
