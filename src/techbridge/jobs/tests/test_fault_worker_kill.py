"""Fault test: a worker is SIGKILLed in the middle of an event's scheduling job.

The job must end "done" exactly once, after a second attempt on a new worker, with the very schedule an
uninterrupted run stores. Celery workers talk to the Redis on 127.0.0.1:6379 in a database of their own
(db 13); the test is skipped when Redis does not answer, and fails then when TECHBRIDGE_TEST_REQUIRE_REDIS
is set (CI). The thread-backend variant kills a `techbridge worker --backend thread` process instead.
"""

from __future__ import annotations

import os
import time
import uuid

import pytest

from techbridge.events.models import Event, Meeting
from techbridge.events.schedule import schedule_compute, schedule_submit
from techbridge.jobs.models import Job
from techbridge.jobs.tests.fault_event import (
    ThreadWorkers,
    assert_valid_schedule,
    clear_schedule,
    fault_event,
    schedule_rows,
)
from techbridge.jobs.tests.worker_process import Workers, shared_database

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
REDIS_DB = 13  # the fault tests' own Redis database
TIME_LIMIT = 60.0  # generous: the run must end by proof, not by the clock, to be reproducible


def _broker_url() -> str:
    base = os.environ.get("TECHBRIDGE_REDIS_URL", "redis://127.0.0.1:6379/0")
    return f"{base.rsplit('/', 1)[0]}/{REDIS_DB}"


def _redis_or_skip(url: str):
    redis = pytest.importorskip("redis")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
        client.ping()
    except Exception as exc:  # refused, timeout, auth: no broker to test against
        if os.environ.get("TECHBRIDGE_TEST_REQUIRE_REDIS"):  # CI: a missing Redis service is a failure
            pytest.fail(f"Redis at {url} is not reachable ({type(exc).__name__})")
        pytest.skip(f"Redis at {url} is not reachable ({type(exc).__name__}); start redis-server")
    return client


def _use_broker(url: str) -> str:
    """Point this process's Celery app at `url`; returns the previous URL (the pool is rebuilt on use)."""
    from techbridge.jobs.celery_app import app

    previous = app.conf.broker_url
    if app._pool is not None:  # connections to the previous broker must not be reused
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url
    return previous


@pytest.fixture
def event(world):
    return fault_event(organiser=world["users"]["broker"], participants=80, meetings=15, seed=32)


@pytest.fixture
def worker_env(settings, tmp_path):
    """The environment of worker processes sharing the test database; heartbeats every second."""
    with shared_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "techbridge.web.settings_test",
            "DATABASE_URL": database_url,
            "TECHBRIDGE_DATA_DIR": str(tmp_path),
            "TECHBRIDGE_JOBS_HEARTBEAT": "1",
            "TECHBRIDGE_JOBS_STALE_AFTER": "2",
        }
        env.pop("TECHBRIDGE_TEST_DATABASE_NAME", None)
        yield env


def _wait_for(job: Job, check, timeout: float, logs) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if check(job):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job is {job.state} ({job.message!r}, {job.error!r}); worker logs:\n{logs()}")


def _in_progress(job: Job) -> bool:
    """The job reported progress: it is inside its function, seconds before its end (kill it now: waiting
    for a later stage would race the end of the job on a busy machine)."""
    return job.state == "running" and job.progress > 0


def _baseline(event: Event) -> tuple[dict, list]:
    """An uninterrupted run in this process: the reference result and stored schedule."""
    summary = schedule_compute(event, time_limit=TIME_LIMIT)
    assert summary["status"] == "optimal", summary
    rows = schedule_rows(event)
    assert_valid_schedule(event)
    clear_schedule(event)
    return summary, rows


def _assert_done_once(job: Job, event: Event, baseline: tuple[dict, list], killed_pid: int, logs) -> None:
    summary, rows = baseline
    assert job.state == "done", job.error
    assert (job.attempts, job.recoveries) == (2, 1), (job.error, job.message, logs())
    assert int(job.worker.split(":")[1]) != killed_pid
    assert job.result == summary
    assert schedule_rows(event) == rows  # the same slots and tables as the uninterrupted run
    assert Meeting.objects.filter(event=event).count() == len(rows)  # no meeting added or duplicated
    assert_valid_schedule(event)
    event.refresh_from_db()
    assert event.schedule_job_id == job.pk and event.schedule_status == "optimal"
    assert Job.objects.filter(kind="events.schedule").count() == 1


def test_a_killed_celery_worker_s_scheduling_job_ends_once_with_the_same_schedule(
    settings, world, event, worker_env, tmp_path
):
    url = _broker_url()
    client = _redis_or_skip(url)
    baseline = _baseline(event)
    queue = f"techbridge-fault-{uuid.uuid4().hex[:12]}"
    settings.TECHBRIDGE_JOBS_BACKEND = "celery"
    settings.TECHBRIDGE_JOBS_QUEUE = queue
    settings.TECHBRIDGE_REDIS_URL = url
    previous = _use_broker(url)
    env = {**worker_env, "TECHBRIDGE_JOBS_BACKEND": "celery", "TECHBRIDGE_JOBS_QUEUE": queue}
    env["TECHBRIDGE_REDIS_URL"] = url
    workers = Workers(env=env, queue=queue, log_dir=tmp_path)
    try:
        (first,) = workers.start(1)
        job = schedule_submit(event=event, by=world["users"]["broker"], time_limit=TIME_LIMIT)
        job = _wait_for(job, _in_progress, 60, workers.logs)
        workers.kill(first)  # SIGKILL: no clean-up, no acknowledgement, no result
        job.refresh_from_db()
        assert (job.state, job.attempts) == ("running", 1), (job.message, workers.logs())
        workers.start(1)  # its sweeper notices the silent heartbeat and re-queues the job
        job = _wait_for(job, lambda j: j.state not in ("queued", "running"), 90, workers.logs)
        time.sleep(1.5)  # a duplicate delivery, if there were one, would run now
        job.refresh_from_db()
        _assert_done_once(job, event, baseline, first.pid, workers.logs)
    finally:
        workers.stop_all()
        client.delete(queue)
        _use_broker(previous)


def test_a_killed_thread_worker_s_scheduling_job_ends_once_with_the_same_schedule(
    settings, world, event, worker_env, tmp_path, monkeypatch
):
    baseline = _baseline(event)
    settings.TECHBRIDGE_JOBS_BACKEND = "thread"
    # The job must run in the worker process, not in a pool of this test process.
    monkeypatch.setattr("techbridge.jobs.backends.dispatch", lambda job_id, countdown=0.0: None)
    workers = ThreadWorkers(env=worker_env, log_dir=tmp_path)
    try:
        first = workers.start()
        job = schedule_submit(event=event, by=world["users"]["broker"], time_limit=TIME_LIMIT)
        job = _wait_for(job, _in_progress, 60, workers.logs)
        workers.kill(first)
        job.refresh_from_db()
        assert (job.state, job.attempts) == ("running", 1), (job.message, workers.logs())
        workers.start()  # a restarted platform: its pool re-queues the job of the dead process
        job = _wait_for(job, lambda j: j.state not in ("queued", "running"), 90, workers.logs)
        _assert_done_once(job, event, baseline, first.pid, workers.logs)
    finally:
        workers.stop_all()
