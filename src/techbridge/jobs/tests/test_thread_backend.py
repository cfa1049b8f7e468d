"""The embedded backend with real threads: jobs submitted in a request run on the in-process pool."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from techbridge.jobs import backends
from techbridge.jobs.models import Job
from techbridge.jobs.services import job_cancel, job_submit

pytestmark = pytest.mark.django_db(transaction=True)  # the pool's threads must see committed rows


@pytest.fixture
def pool(settings):
    settings.TECHBRIDGE_JOBS_BACKEND = "thread"
    settings.TECHBRIDGE_JOBS_CONCURRENCY = 2
    settings.TECHBRIDGE_JOBS_HEARTBEAT = 0.2
    settings.TECHBRIDGE_JOBS_STALE_AFTER = 1
    yield
    backends.stop_pool()


def _wait_for(job, states, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job stayed {job.state} ({job.message!r}) instead of {states}")


def test_the_first_submit_starts_the_pool_and_the_job_runs(pool, tmp_path):
    from techbridge.accounts.models import User

    user = User.objects.create_user("worker-test", password="x" * 12)
    job = job_submit(kind="tests.record", params={"path": str(tmp_path / "runs"), "steps": 2}, by=user)
    job = _wait_for(job, {"done", "failed"})
    assert job.state == "done", job.error
    assert job.worker.split(":")[-1].startswith("thread-")
    lines = (tmp_path / "runs").read_text().split()
    assert lines[0::3] == ["start", "end"]


def test_a_running_job_is_cancelled_from_outside(pool):
    admin = _admin()  # before the job runs: on SQLite this write could lock the table the worker reports to
    job = job_submit(kind="jobs.selfcheck", params={"steps": 100, "seconds": 0.05})
    _wait_for(job, {"running"})
    _cancel(job, admin)
    job = _wait_for(job, {"cancelled", "done"})
    assert job.state == "cancelled"
    # asked to stop while running it reports how far it got; a locked write may have sent the attempt back to
    # the queue first, and a queued job is cancelled at once, without a result
    assert job.result is None or job.result["steps"] < 100


def _cancel(job, by):
    """job_cancel, again when the test database says "table is locked": the tests' SQLite database is in memory
    with a shared cache, where a write that meets the worker thread's fails at once instead of waiting (a
    file database, as the platform uses, waits; PostgreSQL runs this test without it)."""
    from django.db import OperationalError

    for _ in range(50):
        try:
            return job_cancel(job=job, by=by)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.02)
    return job_cancel(job=job, by=by)


def test_a_job_left_running_by_a_dead_process_is_recovered(pool):
    stale = timezone.now() - dt.timedelta(minutes=5)
    job = Job.objects.create(
        kind="tests.echo",
        params={"value": 3},
        state="running",
        attempts=1,
        worker="gone:1",
        heartbeat_at=stale,
    )
    backends.ensure_pool()
    job = _wait_for(job, {"done", "failed"})
    assert (job.state, job.attempts, job.recoveries) == ("done", 2, 1)


def _admin():
    from techbridge.accounts.models import User

    return User.objects.create_superuser("boss", "boss@example.org", "x" * 12, role="admin")


@pytest.mark.parametrize(
    ("waiting", "periodic", "started"), [(True, False, True), (False, True, True), (False, False, False)]
)
def test_the_first_request_resumes_the_pool_only_when_jobs_wait_or_recur(
    settings, monkeypatch, waiting, periodic, started
):
    from django.core.signals import request_started

    from techbridge.jobs import registry
    from techbridge.jobs.apps import _resume_embedded_jobs

    settings.TECHBRIDGE_JOBS_BACKEND = "thread"
    calls = []
    monkeypatch.setattr(backends, "ensure_pool", lambda: calls.append(1))
    if not periodic:  # the platform has periodic kinds (alerts, reminders, refits): pretend it had none
        monkeypatch.setattr(registry, "periodic_specs", lambda: [])
    assert bool(registry.periodic_specs()) is periodic
    if waiting:
        Job.objects.create(kind="tests.echo")
    try:
        _resume_embedded_jobs()
    finally:
        request_started.connect(_resume_embedded_jobs, dispatch_uid="techbridge.jobs.resume")
    assert bool(calls) is started
