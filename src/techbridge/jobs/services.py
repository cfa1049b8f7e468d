"""Writes of the job system: submit a job, request its cancellation, run whatever is due (tests, cron)."""

from __future__ import annotations

import datetime as dt
import inspect
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from techbridge.jobs import backends, conf, rules, runner
from techbridge.jobs.models import ACTIVE_STATES, Job, JobState
from techbridge.jobs.registry import get_spec


def _user(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _params(params: dict | None) -> dict:
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise ValidationError({"params": ["Job parameters must be a dictionary of keyword arguments."]})
    try:
        return json.loads(json.dumps(params, cls=DjangoJSONEncoder))
    except (TypeError, ValueError) as exc:
        raise ValidationError({"params": [f"Job parameters must be JSON-serialisable: {exc}"]}) from None


def job_submit(
    *,
    kind: str,
    params: dict | None = None,
    by=None,
    result_url: str = "",
    run_after: dt.datetime | None = None,
    unique_key: str = "",
) -> Job:
    """Create a queued job and hand it to the backend once the current transaction commits.

    With the eager backend (tests) a job that is due has already run when this returns (retries included,
    without their backoff); one scheduled for later (`run_after`) waits for `job_run_due()`.
    With a `unique_key`, while a job with that key is queued or running that job is returned instead of a
    new one (e.g. `unique_key=f"reindex:{profile.pk}"` coalesces repeated requests).
    """
    if result_url and (not result_url.startswith("/") or result_url.startswith("//")):
        raise ValidationError(
            {"result_url": ["The result page must be a path on this site, like /events/3/."]}
        )
    spec = get_spec(kind)
    if spec is None:
        raise ValidationError({"kind": [f"No job function is registered for the kind {kind!r}."]})
    clean = _params(params)
    try:  # a wrong parameter is the submitter's bug: say so now, not later in a failed job
        inspect.signature(spec.func).bind(None, **clean)
    except TypeError as exc:
        raise ValidationError({"params": [f"Parameters do not fit the job {kind!r}: {exc}."]}) from None
    now = timezone.now()
    fields = {
        "kind": kind,
        "params": clean,
        "created_by": _user(by),
        "result_url": result_url[:500],
        "max_attempts": spec.max_attempts,
        "run_after": run_after or now,
        "heartbeat_at": now,  # for a queued job: when its latest dispatch takes effect
        "unique_key": unique_key[:200],
    }
    job, created = _create_unless_active(fields) if unique_key else (Job.objects.create(**fields), True)
    if not created:
        return job
    if conf.backend() == "eager":
        if job.run_after <= now:  # a job scheduled for later waits for job_run_due()
            backends.run_eagerly(str(job.pk))
            job.refresh_from_db()
    else:
        delay = max(0.0, ((run_after or now) - now).total_seconds())
        transaction.on_commit(lambda: backends.dispatch(str(job.pk), countdown=delay))
    return job


def _create_unless_active(fields: dict) -> tuple[Job, bool]:
    """(job, created): the new job, or the queued or running one that already has its unique key."""
    for _attempt in range(3):
        active = Job.objects.filter(unique_key=fields["unique_key"], state__in=ACTIVE_STATES).first()
        if active is not None:
            return active, False
        try:
            with transaction.atomic():
                return Job.objects.create(**fields), True
        except IntegrityError:  # created by someone else between the check and the insert
            continue
    raise ValidationError({"unique_key": ["Could not queue the job: its key is contended; try again."]})


def job_cancel(*, job: Job, by) -> Job:
    """Cancel a queued job at once; ask a running one to stop (it ends as "cancelled" when it does)."""
    if not rules.can_view(by, job):
        raise PermissionDenied("You may only cancel jobs you started.")
    # A worker may move the job between the two updates (a failed attempt goes back to the queue, a queued job
    # is claimed): try again while it is still queued or running; only a finished job cannot be cancelled.
    for _ in range(5):
        now = timezone.now()
        if Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
            state=JobState.CANCELLED, cancel_requested=True, finished_at=now, message=""
        ) or Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(cancel_requested=True):
            job.refresh_from_db()
            return job
        job.refresh_from_db()
        if job.state not in (JobState.QUEUED, JobState.RUNNING):
            break
    raise ValidationError({"state": [f"The job is already {job.get_state_display().lower()}."]})


def job_run_due(*, worker: str = "inline") -> int:
    """Run every due queued job now, in this thread and transaction (tests, maintenance); returns how many ran.

    Retries that fall due are not run again in the same call; call it again after their backoff.
    """
    ran = 0
    runner.recover_stale()
    for job_id in runner.next_due(limit=1000):
        if runner.execute(job_id, worker=runner.worker_name(worker), eager=True) is not None:
            ran += 1
    return ran
