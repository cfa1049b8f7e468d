"""Health signal of the job queue."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from techbridge.jobs.health import queue_health
from techbridge.jobs.models import Job


def test_the_embedded_queue_is_healthy_and_counts_jobs(db, settings):
    settings.TECHBRIDGE_JOBS_BACKEND = "thread"
    old = timezone.now() - dt.timedelta(hours=1)
    Job.objects.create(kind="tests.echo")
    Job.objects.create(kind="tests.echo", state="running", heartbeat_at=old)
    Job.objects.create(kind="tests.echo", state="running", heartbeat_at=timezone.now())
    assert queue_health() == {"status": "ok", "backend": "thread", "queued": 1, "running": 2, "stale": 1}


def test_celery_without_a_reachable_redis_is_an_error(db, settings):
    settings.TECHBRIDGE_JOBS_BACKEND = "celery"
    settings.TECHBRIDGE_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    report = queue_health()
    assert report["status"] == "error" and report["broker"] == "error"
    assert report["detail"].startswith("Redis: ConnectionError")
