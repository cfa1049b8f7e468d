"""Health of the job queue, for the platform's /health/ endpoint."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from techbridge.jobs import conf
from techbridge.jobs.models import Job, JobState


def queue_health() -> dict:
    """{"status": "ok"|"error", "backend": ..., "queued": n, "running": n, "stale": n, ["detail": ...]}.

    thread/eager: ok (the pool lives in the serving process); celery: Redis must answer PING. Stale means
    running jobs without a heartbeat for longer than TECHBRIDGE_JOBS_STALE_AFTER (reported, not an error).
    """
    backend = conf.backend()
    report: dict = {"status": "ok", "backend": backend}
    try:
        cutoff = timezone.now() - dt.timedelta(seconds=conf.stale_after())
        report["queued"] = Job.objects.filter(state=JobState.QUEUED).count()
        report["running"] = Job.objects.filter(state=JobState.RUNNING).count()
        report["stale"] = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=cutoff).count()
    except Exception as exc:  # the database check of /health/ reports the cause; here just say so
        report.update(status="error", detail=f"database: {type(exc).__name__}")
        return report
    if backend == "celery":
        report.update(_ping_redis())
    return report


def _ping_redis() -> dict:
    import redis

    try:
        client = redis.Redis.from_url(conf.redis_url(), socket_connect_timeout=2, socket_timeout=2)
        client.ping()
        return {"broker": "ok"}
    except Exception as exc:  # unreachable, refused, wrong password: all mean jobs cannot be dispatched
        return {"status": "error", "broker": "error", "detail": f"Redis: {type(exc).__name__}: {exc}"[:300]}
