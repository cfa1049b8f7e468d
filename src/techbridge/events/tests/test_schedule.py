"""The organiser's schedule: a background job placing every meeting with a proven bound, conflicts
explained instead of a partial schedule, rescheduling that moves few meetings and never locked ones."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.events import schedule, services
from techbridge.events.models import Event, Meeting


def test_the_schedule_job_places_every_meeting_with_a_proven_bound(world, event, meetings):
    job = schedule.schedule_submit(event=event, by=world["users"]["broker"], time_limit=5)
    assert job.state == "done", job.error
    event.refresh_from_db()
    assert event.schedule_status == "optimal"
    assert (event.schedule_weight, event.schedule_bound, event.gap) == (2, 2, 0.0)
    placed = list(Meeting.objects.filter(event=event))
    assert all(m.slot is not None for m in placed)
    assert placed[0].slot != placed[1].slot  # the Ningbo member cannot be in two meetings at once
    assert job.result["meetings"] == 2


def test_only_organisers_schedule(world, event, meetings):
    for role in ("member", "evaluator", "analyst"):
        with pytest.raises(PermissionDenied):
            schedule.schedule_submit(event=event, by=world["users"][role])


def test_it_refuses_to_schedule_an_event_without_meetings(world, event, regs):
    with pytest.raises(ValidationError) as exc:
        schedule.schedule_submit(event=event, by=world["users"]["broker"])
    assert "meetings" in exc.value.message_dict


def test_an_infeasible_event_is_explained_and_keeps_no_partial_schedule(world, event, meetings):
    """Every meeting required but the Ningbo member may have only one meeting: the cap conflict is named."""
    Event.objects.filter(pk=event.pk).update(require_all=True, max_meetings=1)
    event.refresh_from_db()
    summary = schedule.schedule_compute(event, time_limit=5)
    assert summary["status"] == "infeasible"
    event.refresh_from_db()
    assert event.schedule_status == "infeasible"
    conflict = event.schedule_conflicts[0]
    ningbo = meetings[0].request.requester_id
    assert ningbo in conflict["participants"]
    assert set(conflict["meetings"]) == {m.pk for m in meetings}
    assert all(m.slot is None for m in Meeting.objects.filter(event=event))


def test_rescheduling_after_a_cancellation_and_an_added_request_moves_no_locked_meeting(
    world, event, meetings
):
    u = world["users"]
    schedule.schedule_compute(event, time_limit=5)
    first, second = (Meeting.objects.get(pk=m.pk) for m in meetings)
    services.meeting_lock(meeting=first, by=u["broker"], locked=True)
    services.meeting_cancel(meeting=second, by=u["member_third"])
    req = services.request_send(
        event=event, by=u["member_pl"], recipient=second.request.recipient, message="Testing lab?"
    )
    services.request_decide(meeting_request=req, by=u["member_third"], accept=True)
    summary = schedule.schedule_compute(event, mode="reschedule", time_limit=5)
    assert summary["moved"] == 0
    locked = Meeting.objects.get(pk=first.pk)
    assert (locked.slot, locked.table) == (first.slot, first.table)
    assert Meeting.objects.get(request=req).slot is not None
    event.refresh_from_db()
    assert event.schedule_moved == 0


def test_a_no_show_drops_their_meetings_from_the_schedule(world, event, meetings, regs):
    schedule.schedule_compute(event, time_limit=5)
    services.checkin_mark(registration=regs["member_pl"], by=world["users"]["broker"], present=False)
    statuses = sorted(Meeting.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["no_show", "planned"]
    summary = schedule.schedule_compute(event, mode="reschedule", time_limit=5)
    assert summary["meetings"] == 1


def test_a_timeout_keeps_the_previous_schedule_and_says_so(world, event, meetings, monkeypatch):
    from techbridge.core import scheduling as core

    schedule.schedule_compute(event, time_limit=5)
    before = sorted(Meeting.objects.filter(event=event).values_list("slot", flat=True))

    def too_slow(*args, **kwargs):
        raise core.SchedulingTimeoutError("no schedule found within 1 s; raise the time limit")

    monkeypatch.setattr(core, "solve", too_slow)
    summary = schedule.schedule_compute(event, time_limit=1)
    assert summary["status"] == "timeout"
    event.refresh_from_db()
    assert event.schedule_conflicts[0]["kind"] == "timeout"
    assert sorted(Meeting.objects.filter(event=event).values_list("slot", flat=True)) == before


def test_when_only_the_breaks_stage_times_out_the_most_meetings_schedule_is_kept(
    world, event, meetings, monkeypatch
):
    from techbridge.core import scheduling as core

    real = core.solve

    def breaks_too_slow(model, **kwargs):
        if kwargs.get("breaks", True):
            raise core.SchedulingTimeoutError("no schedule found within 1 s")
        return real(model, **kwargs)

    monkeypatch.setattr(core, "solve", breaks_too_slow)
    summary = schedule.schedule_compute(event, time_limit=5)
    assert (summary["meetings"], summary["weight"], summary["weight_bound"]) == (2, 2, 2)


def test_the_schedule_job_is_retried_on_errors_but_not_for_a_deleted_event(world, event, meetings):
    from techbridge.jobs.registry import get_spec
    from techbridge.jobs.services import job_submit

    assert get_spec("events.schedule").retry  # a database outage: tried again with backoff
    missing = event.pk + 1000
    job = job_submit(kind="events.schedule", params={"event_id": missing}, by=world["users"]["broker"])
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 1)
    assert f"Event {missing} no longer exists." in job.error
