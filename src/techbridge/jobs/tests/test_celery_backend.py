"""Production backend: real Celery worker processes over the Redis on 127.0.0.1:6379.

Skipped (with the reason) when Redis does not answer. The workers share the test database: see
`worker_process.shared_database`.
"""

from __future__ import annotations

import json
import os
import time
import uuid

import pytest

from techbridge.jobs import conf
from techbridge.jobs.models import Job
from techbridge.jobs.services import job_submit
from techbridge.jobs.tests.worker_process import Workers, shared_database

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        client = redis.Redis.from_url(conf.redis_url(), socket_connect_timeout=1, socket_timeout=2)
        client.ping()
    except Exception as exc:  # refused, timeout, auth: no broker to test against
        if os.environ.get("TECHBRIDGE_TEST_REQUIRE_REDIS"):  # CI: a missing Redis service is a failure
            pytest.fail(f"Redis at {conf.redis_url()} is not reachable ({type(exc).__name__})")
        pytest.skip(
            f"Redis at {conf.redis_url()} is not reachable ({type(exc).__name__}); start redis-server"
        )
    return client


def _forget_queue(client, queue: str) -> None:
    """Remove what a killed worker left in Redis for this throw-away queue (its unacknowledged message)."""
    client.delete(queue)
    for tag, raw in client.hscan_iter("unacked"):
        try:
            routing_key = json.loads(raw)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def workers(settings, tmp_path):
    client = _redis_or_skip()
    queue = f"techbridge-test-{uuid.uuid4().hex[:12]}"  # other test runs may share this Redis
    settings.TECHBRIDGE_JOBS_BACKEND = "celery"
    settings.TECHBRIDGE_JOBS_QUEUE = queue
    with shared_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "techbridge.web.settings_test",
            "DATABASE_URL": database_url,
            "TECHBRIDGE_DATA_DIR": str(tmp_path),
            "TECHBRIDGE_JOBS_BACKEND": "celery",
            "TECHBRIDGE_JOBS_QUEUE": queue,
            "TECHBRIDGE_REDIS_URL": conf.redis_url(),
            "TECHBRIDGE_JOBS_HEARTBEAT": "1",
            "TECHBRIDGE_JOBS_STALE_AFTER": "2",
        }
        env.pop("TECHBRIDGE_TEST_DATABASE_NAME", None)
        pool = Workers(env=env, queue=queue, log_dir=tmp_path)
        try:
            yield pool
        finally:
            pool.stop_all()
            _forget_queue(client, queue)


def _wait_for(job, check, timeout, workers):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if check(job):
            return job
        time.sleep(0.1)
    raise AssertionError(
        f"job is {job.state} ({job.message!r}, {job.error!r}); worker logs:\n{workers.logs()}"
    )


def test_workers_run_jobs_and_rerun_a_killed_workers_job_exactly_once(workers, tmp_path):
    procs = {proc.pid: proc for proc in workers.start(2)}  # two machines, as it were

    quick = tmp_path / "quick.txt"
    job = job_submit(kind="tests.record", params={"path": str(quick), "steps": 2})
    job = _wait_for(job, lambda j: j.state in ("done", "failed"), 20, workers)
    assert job.state == "done", job.error
    assert ":celery" in job.worker and job.result["pid"] in procs
    assert [line.split()[0] for line in quick.read_text().splitlines()] == ["start", "end"]

    runs = tmp_path / "runs.txt"
    job = job_submit(kind="tests.record", params={"path": str(runs), "steps": 6, "seconds": 0.4})
    job = _wait_for(job, lambda j: j.state == "running" and j.progress >= 0.3, 20, workers)
    victim = int(job.worker.split(":")[1])
    workers.kill(procs[victim])  # SIGKILL in the middle of the job: no clean-up, no acknowledgement
    job.refresh_from_db()
    assert job.state == "running"  # nobody knows yet; the survivor's sweeper notices the silent heartbeat
    job = _wait_for(job, lambda j: j.state in ("done", "failed"), 40, workers)
    assert job.state == "done", job.error
    assert (job.attempts, job.recoveries, job.result["attempt"]) == (2, 1, 2)
    assert job.result["pid"] != victim
    time.sleep(1.5)  # a duplicate delivery, if there were one, would run now
    lines = [line.split() for line in runs.read_text().splitlines()]
    assert [(word, attempt) for word, attempt, _pid in lines] == [
        ("start", "1"),
        ("start", "2"),
        ("end", "2"),
    ]
    assert lines[0][2] == str(victim) and lines[2][2] != str(victim)
    assert Job.objects.get(pk=job.pk).state == "done"
