"""Running one job: claim it (compare-and-set), call its function with a context, record the outcome.

Every backend (eager, thread, celery) runs jobs through `execute`, so states, progress, cancellation,
retries and recovery behave the same everywhere. Writes after the claim are guarded by the attempt number
(the lease), so a worker that was presumed dead can never overwrite the outcome of the run that replaced it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from techbridge.jobs import conf
from techbridge.jobs.models import ACTIVE_STATES, Job, JobState
from techbridge.jobs.registry import JobCancelled, JobError, get_spec, periodic_specs
from techbridge.web.logs import log_context

log = logging.getLogger("techbridge.jobs")
MESSAGE_MAX = 300
PROGRESS_INTERVAL = 0.25  # seconds between progress writes of one running job (eager: every report)


def worker_name(suffix: str = "") -> str:
    """host:pid[:suffix]: enough to find the process that ran a job."""
    return f"{socket.gethostname()}:{os.getpid()}{':' + suffix if suffix else ''}"


@dataclass(frozen=True)
class Outcome:
    state: str
    retry_in: float | None = None  # seconds until the next attempt, when the job was re-queued


def _lease(ctx: RunContext):
    return Job.objects.filter(pk=ctx.job_id, state=JobState.RUNNING, attempts=ctx.attempt)


class RunContext:
    """The `ctx` handed to a job function: progress reports and cooperative cancellation."""

    def __init__(self, job: Job, *, check_interval: float):
        self.job_id = str(job.pk)
        self.attempt = job.attempts
        self.params = dict(job.params or {})
        self.lost = False  # the lease was taken away (presumed dead, or cancelled by an administrator)
        self.saw_cancel = False
        self._check_interval = check_interval
        self._checked_at = float("-inf")
        self._cancel = job.cancel_requested
        # Jobs may report progress per row; writes are spaced out and the latest report is kept for the
        # heartbeat or the final write, so the database sees a few updates a second at most.
        self._write_interval = min(check_interval, PROGRESS_INTERVAL)
        self._written_at = float("-inf")
        self._pending: tuple[float, str] | None = None

    def progress(self, fraction: float, message: str = "") -> None:
        """Record progress (0..1, clamped) and a short message; also serves as a heartbeat."""
        fraction = min(1.0, max(0.0, float(fraction)))
        report = (fraction, str(message)[:MESSAGE_MAX])
        now = time.monotonic()
        if now - self._written_at < self._write_interval:
            self._pending = report
            return
        self._pending, self._written_at = None, now
        if not _lease(self).update(progress=report[0], message=report[1], heartbeat_at=timezone.now()):
            self.lost = True

    def take_pending(self) -> dict:
        """The latest progress report not yet written, as model fields (empty when none)."""
        pending, self._pending = self._pending, None
        return {} if pending is None else {"progress": pending[0], "message": pending[1]}

    def cancelled(self) -> bool:
        """True once cancellation was requested (or this run lost its lease): stop and return soon."""
        now = time.monotonic()
        if not (self._cancel or self.lost) and now - self._checked_at >= self._check_interval:
            self._checked_at = now
            row = Job.objects.filter(pk=self.job_id).values("cancel_requested", "state", "attempts").first()
            self._cancel = bool(row and row["cancel_requested"])
            self.lost = self.lost or not (
                row and row["state"] == JobState.RUNNING and row["attempts"] == self.attempt
            )
        if self._cancel or self.lost:
            self.saw_cancel = True
        return self._cancel or self.lost

    def note_cancel(self, requested: bool) -> None:
        self._cancel = self._cancel or requested


class Heartbeat(threading.Thread):
    """Keeps `heartbeat_at` fresh while the job function runs, and notices cancellation requests."""

    def __init__(self, ctx: RunContext, interval: float):
        super().__init__(name=f"job-heartbeat-{ctx.job_id[:8]}", daemon=True)
        self.ctx, self.interval, self._stop_event = ctx, interval, threading.Event()

    def run(self) -> None:
        try:
            while not self._stop_event.wait(self.interval):
                try:
                    if not _lease(self.ctx).update(heartbeat_at=timezone.now(), **self.ctx.take_pending()):
                        self.ctx.lost = True
                        return
                    flag = (
                        Job.objects.filter(pk=self.ctx.job_id)
                        .values_list("cancel_requested", flat=True)
                        .first()
                    )
                    self.ctx.note_cancel(bool(flag))
                except Exception:  # a missed heartbeat is not fatal; the next one may succeed
                    log.warning("heartbeat of job %s failed", self.ctx.job_id, exc_info=True)
                    close_old_connections()  # a connection the database dropped is opened anew next beat
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)


def claim(job_id, worker: str, *, due_by: dt.datetime | None = None) -> Job | None:
    """Atomically move a queued, due job to running for `worker`; None if someone else has it."""
    now = timezone.now()
    updated = Job.objects.filter(pk=job_id, state=JobState.QUEUED, run_after__lte=due_by or now).update(
        state=JobState.RUNNING,
        worker=worker[:200],
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        progress=0.0,
        message="",
    )
    return Job.objects.get(pk=job_id) if updated else None


def readable(exc: BaseException) -> str:
    """The reason shown to people: the message of a JobError, else the exception's type and message."""
    text = str(exc).strip()
    if isinstance(exc, JobError):
        return text or "The job failed."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _storable(result):
    try:
        return json.loads(json.dumps(result, cls=DjangoJSONEncoder))
    except (TypeError, ValueError) as exc:
        raise JobError(f"The job's result cannot be stored as JSON: {exc}") from exc


def retry_delay(failures: int) -> float:
    """Exponential backoff: base, 2*base, 4*base ... capped."""
    return min(conf.retry_cap(), conf.retry_base() * 2 ** max(0, failures - 1))


def _finish(ctx: RunContext, **fields) -> bool:
    fields.setdefault("finished_at", timezone.now())
    return bool(_lease(ctx).update(**fields))


def _call(job: Job, ctx: RunContext, *, eager: bool):
    spec = get_spec(job.kind)
    if spec is None:
        raise JobError(f"No job function is registered for the kind {job.kind!r}.")
    if eager:
        # Synchronous runs share the submitter's transaction: a failed job must not leave half its writes.
        with transaction.atomic():
            return spec.func(ctx, **ctx.params)
    return spec.func(ctx, **ctx.params)


def _on_failure(job: Job, ctx: RunContext, exc: Exception) -> Outcome:
    reason = readable(exc)
    spec = get_spec(job.kind)
    failures = ctx.attempt - job.recoveries
    if spec is not None and spec.retry and not isinstance(exc, JobError) and failures < job.max_attempts:
        delay = retry_delay(failures)
        now = timezone.now()
        requeued = _finish(
            ctx,
            state=JobState.QUEUED,
            finished_at=None,
            run_after=now + dt.timedelta(seconds=delay),
            heartbeat_at=now,
            worker="",
            error=reason,
            message=f"Attempt {ctx.attempt} failed; retrying in {delay:g} s"[:MESSAGE_MAX],
        )
        return Outcome(JobState.QUEUED, delay) if requeued else Outcome("lost")
    recorded = _finish(ctx, state=JobState.FAILED, error=reason, message="")
    return Outcome(JobState.FAILED if recorded else "lost")


def execute(job_id, *, worker: str, eager: bool = False, due_by: dt.datetime | None = None) -> Outcome | None:
    """Claim and run one job; None when it was not claimable (already taken, finished or not yet due)."""
    job = claim(job_id, worker, due_by=due_by)
    if job is None:
        return None
    with log_context(job_id=job.pk):  # every record logged while the job runs carries its id
        return _execute_claimed(job, worker=worker, eager=eager)


def _execute_claimed(job: Job, *, worker: str, eager: bool) -> Outcome:
    ctx = RunContext(job, check_interval=0.0 if eager else min(0.5, conf.heartbeat()))
    beat = None if eager else Heartbeat(ctx, conf.heartbeat())
    if beat is not None:
        beat.start()
    log.info("job %s (%s) attempt %s started on %s", job.pk, job.kind, ctx.attempt, worker)
    try:
        result = _storable(_call(job, ctx, eager=eager))
    except JobCancelled:
        cancelled = _finish(ctx, state=JobState.CANCELLED, **ctx.take_pending())
        outcome = Outcome(JobState.CANCELLED if cancelled else "lost")
    except Exception as exc:
        log.exception("job %s (%s) attempt %s failed", job.pk, job.kind, ctx.attempt)
        outcome = _on_failure(job, ctx, exc)
    else:
        state = JobState.CANCELLED if ctx.saw_cancel else JobState.DONE
        extra = ctx.take_pending()
        if state == JobState.DONE:
            extra["progress"] = 1.0
        outcome = Outcome(state if _finish(ctx, state=state, result=result, error="", **extra) else "lost")
    finally:
        if beat is not None:
            beat.stop()
    if outcome.state == "lost":
        log.warning("job %s attempt %s lost its lease; its outcome was discarded", job.pk, ctx.attempt)
    else:
        log.info("job %s (%s) attempt %s: %s", job.pk, job.kind, ctx.attempt, outcome.state)
    return outcome


def recover_stale(now: dt.datetime | None = None) -> list[str]:
    """Re-queue running jobs whose worker stopped sending heartbeats; returns the ids to dispatch again.

    A job that lost its worker more than TECHBRIDGE_JOBS_MAX_RECOVERIES times is failed instead (it may be
    what kills the worker). A job whose cancellation was requested is simply cancelled.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=conf.stale_after())
    requeued: list[str] = []
    for job in Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=cutoff).only(
        "pk", "attempts", "recoveries", "cancel_requested", "worker"
    ):
        mine = Job.objects.filter(
            pk=job.pk, state=JobState.RUNNING, attempts=job.attempts, heartbeat_at__lt=cutoff
        )
        if job.cancel_requested:
            mine.update(state=JobState.CANCELLED, finished_at=now, message="")
        elif job.recoveries >= conf.max_recoveries():
            mine.update(
                state=JobState.FAILED,
                finished_at=now,
                error=f"The worker running this job stopped {job.recoveries + 1} times; giving up.",
            )
        elif mine.update(
            state=JobState.QUEUED,
            recoveries=F("recoveries") + 1,
            run_after=now,
            heartbeat_at=now,
            message=f"Re-queued: worker {job.worker} stopped responding"[:MESSAGE_MAX],
            worker="",
        ):
            log.warning("job %s re-queued: worker %s stopped responding", job.pk, job.worker)
            requeued.append(str(job.pk))
    return requeued


def to_dispatch(now: dt.datetime | None = None, *, lost_after: float | None = None) -> list[str]:
    """Queued, due jobs that need a (new) dispatch; each is marked as dispatched now (compare-and-set).

    For a queued job `heartbeat_at` is the time its latest dispatch takes effect. A job needs one when it
    became due after its last dispatch (scheduled jobs, retries with a long backoff), or when that dispatch
    is long past (lost: submitted while the broker was down, or its message vanished).
    """
    now = now or timezone.now()
    lost = now - dt.timedelta(seconds=lost_after if lost_after is not None else 5 * conf.stale_after())
    needs = Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=F("run_after")) | Q(heartbeat_at__lt=lost)
    ids = []
    for pk in (
        Job.objects.filter(needs, state=JobState.QUEUED, run_after__lte=now)
        .order_by("run_after")
        .values_list("pk", flat=True)[:500]
    ):
        if Job.objects.filter(needs, pk=pk, state=JobState.QUEUED).update(heartbeat_at=now):
            ids.append(str(pk))
    return ids


def schedule_periodic(now: dt.datetime | None = None) -> list[str]:
    """Queue the next run of every periodic kind that has none; returns the new job ids.

    Due `every` seconds after the previous run finished (at once for the first). The unique key makes this
    safe when several workers' sweepers do it at the same moment: only one row can be queued.
    """
    now = now or timezone.now()
    created = []
    for spec in periodic_specs():
        key = f"periodic:{spec.kind}"
        if Job.objects.filter(unique_key=key, state__in=ACTIVE_STATES).exists():
            continue
        last = Job.objects.filter(unique_key=key).exclude(finished_at=None).order_by("-finished_at").first()
        due = max(now, last.finished_at + dt.timedelta(seconds=spec.every)) if last else now
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=spec.kind,
                    unique_key=key,
                    max_attempts=spec.max_attempts,
                    run_after=due,
                    heartbeat_at=None,  # never dispatched: to_dispatch sends it once it is due
                )
        except IntegrityError:  # another sweeper queued it a moment ago
            continue
        created.append(str(job.pk))
    return created


def mark_dispatched(job_id, countdown: float) -> None:
    when = timezone.now() + dt.timedelta(seconds=countdown)
    Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(heartbeat_at=when)


def next_due(limit: int = 10) -> list[str]:
    """Ids of queued jobs whose time has come, oldest first."""
    if not connection.in_atomic_block:  # inside a transaction (tests, callers' atomic blocks) keep it
        close_old_connections()
    return [
        str(pk)
        for pk in Job.objects.filter(state=JobState.QUEUED, run_after__lte=timezone.now())
        .order_by("run_after", "created_at")
        .values_list("pk", flat=True)[:limit]
    ]
