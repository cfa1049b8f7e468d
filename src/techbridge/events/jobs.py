"""Background jobs of events: the organiser's schedule and reschedule runs, with visible progress."""

from __future__ import annotations

import threading
import time

from techbridge.jobs.registry import job

REPORT_EVERY = 1.0  # seconds between progress writes from the solver's threads


class _Progress:
    """Forwards the solver's progress to the job. CP-SAT reports from its own threads: those writes go
    through their own connection, throttled, and are skipped under the eager backend, where the job runs
    inside the caller's transaction (another connection would wait on its locks)."""

    def __init__(self, ctx):
        from techbridge.jobs import conf

        self.ctx, self.owner = ctx, threading.get_ident()
        self.threads_may_write = conf.backend() != "eager"
        self.last_write, self.latest = 0.0, (0.0, "")

    def __call__(self, fraction: float, message: str) -> None:
        self.latest = (fraction, message)
        if threading.get_ident() == self.owner:
            self.ctx.progress(fraction, message)
            return
        now = time.monotonic()
        if not self.threads_may_write or now - self.last_write < REPORT_EVERY:
            return
        self.last_write = now
        from django.db import DatabaseError, connection

        try:
            self.ctx.progress(fraction, message)
        except DatabaseError:
            pass  # progress is informative only; the result is written by the job's own thread
        finally:
            connection.close()


@job("events.schedule", retry=True, title="Event schedule")
def schedule(ctx, *, event_id: int, mode: str = "schedule", time_limit: float = 20.0) -> dict:
    """Retried with backoff on unexpected errors (a database outage): the schedule is written in one
    transaction tied to the attempt, so a retry replaces nothing half-done."""
    from techbridge.events.models import Event
    from techbridge.events.schedule import schedule_compute
    from techbridge.jobs.registry import JobError

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise JobError(f"Event {event_id} no longer exists.")
    ctx.progress(0.01, "Building the event model")
    progress = _Progress(ctx)
    summary = schedule_compute(event, mode=mode, time_limit=time_limit, progress=progress)
    ctx.progress(1.0, _summary_text(summary) or progress.latest[1])
    return summary


def _summary_text(summary: dict) -> str:
    if summary.get("status") == "infeasible":
        return "The event cannot be scheduled: see the conflicts"
    if summary.get("status") == "timeout":
        return "No schedule found within the time limit"
    text = (
        f"{summary['meetings']} meetings placed, weight {summary['weight']} of bound {summary['weight_bound']} "
        f"(gap {summary['gap']:.1%}), {summary['breaks']} breaks (bound {summary['breaks_bound']})"
    )
    if summary.get("moved") is not None:
        text += f", {summary['moved']} moved"
    return text
