"""The production deployment of docs/deployment.md: gunicorn (real process, real port) with the production
settings, collected static files, PostgreSQL, Redis and a real Celery worker; and the celery beat schedule.

The end-to-end test needs the test database to be PostgreSQL (DATABASE_URL=postgres://...) and Redis on
TECHBRIDGE_REDIS_URL; it is skipped, with the reason, otherwise. CI runs the suite again on PostgreSQL.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from techbridge.jobs import conf
from techbridge.jobs.celery_app import BEAT_SCHEDULE, app
from techbridge.jobs.models import Job
from techbridge.jobs.registry import registered_kinds

# --- celery beat ---------------------------------------------------------------------------------------------


def test_every_beat_entry_runs_a_registered_task_and_job_kind():
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: no Celery task {entry['task']!r}"
        if entry["task"] == "techbridge.jobs.submit":
            assert entry["kwargs"]["kind"] in registered_kinds(), name
    assert {"cases.reminders"} <= {e["kwargs"]["kind"] for e in BEAT_SCHEDULE.values() if "kwargs" in e}
    assert app.conf.beat_schedule is BEAT_SCHEDULE


def test_the_daily_reminders_run_once_a_day_in_the_platform_time_zone(settings):
    schedule = BEAT_SCHEDULE["cases-reminders"]["schedule"]
    assert (schedule.hour, schedule.minute) == ({7}, {30})
    assert app.conf.timezone == settings.TIME_ZONE


@pytest.mark.django_db
def test_a_beat_submission_runs_the_same_job_function_as_the_embedded_platform():
    from techbridge.jobs.celery_app import submit

    job = Job.objects.get(pk=submit("cases.reminders"))  # eager backend in tests: it has run already
    assert (job.kind, job.state, job.result, job.unique_key) == (
        "cases.reminders",
        "done",
        {"reminded": 0},
        "beat:cases.reminders",
    )


@pytest.mark.django_db
def test_a_second_beat_while_the_first_run_waits_queues_nothing_new(settings, monkeypatch):
    settings.TECHBRIDGE_JOBS_BACKEND = "celery"
    monkeypatch.setattr("techbridge.jobs.backends.dispatch", lambda job_id, countdown=0.0: None)
    from techbridge.jobs.celery_app import submit

    assert submit("cases.reminders") == submit("cases.reminders")
    assert Job.objects.filter(kind="cases.reminders").count() == 1


@pytest.mark.django_db
def test_a_beat_entry_with_an_unknown_kind_fails_loudly():
    from techbridge.jobs.celery_app import submit

    with pytest.raises(ValidationError, match="kind"):
        submit("cases.no_such_kind")


# --- gunicorn + PostgreSQL + Redis + Celery worker ------------------------------------------------------------


def _production_or_skip():
    if connection.vendor != "postgresql":
        pytest.skip("the deployment test needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)")
    import redis

    try:
        redis.Redis.from_url(conf.redis_url(), socket_connect_timeout=1, socket_timeout=2).ping()
    except Exception as exc:  # refused, timeout, auth
        pytest.skip(
            f"Redis at {conf.redis_url()} is not reachable ({type(exc).__name__}); start redis-server"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(
    port: int, path: str, headers: dict | None = None, *, method: str = "GET", body: bytes | None = None
) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # nginx terminates TLS and says so (docs/deployment.md); gunicorn trusts it from 127.0.0.1
        conn.request(method, path, body=body, headers={"X-Forwarded-Proto": "https", **(headers or {})})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _wait_until_serving(proc: subprocess.Popen, port: int, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"gunicorn exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            _get(port, "/health/")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer in {timeout} s:\n{log.read_text()[-3000:]}")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_production_settings_with_a_celery_worker(tmp_path, settings):
    _production_or_skip()
    from techbridge.jobs.tests.worker_process import Workers, shared_database

    queue = f"techbridge-deploy-test-{uuid.uuid4().hex[:12]}"
    port = _free_port()
    static_root = tmp_path / "static"
    with shared_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "techbridge.web.settings",  # the real settings, not the test ones
            "TECHBRIDGE_ENV": "production",
            "TECHBRIDGE_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "TECHBRIDGE_ALLOWED_HOSTS": "127.0.0.1",
            "TECHBRIDGE_DATA_DIR": str(tmp_path / "var"),
            "TECHBRIDGE_STATIC_ROOT": str(static_root),
            "TECHBRIDGE_JOBS_BACKEND": "celery",
            "TECHBRIDGE_JOBS_QUEUE": queue,
            "TECHBRIDGE_REDIS_URL": conf.redis_url(),
            "TECHBRIDGE_CACHE_URL": conf.redis_url(),  # sign-in throttle shared by the two workers
            "TECHBRIDGE_BIND": f"127.0.0.1:{port}",
            "TECHBRIDGE_WEB_WORKERS": "2",
            "TECHBRIDGE_WEB_THREADS": "1",  # the default: sync workers
        }
        env.pop("TECHBRIDGE_TEST_DATABASE_NAME", None)
        (tmp_path / "var").mkdir()
        bin_dir = Path(sys.executable).parent
        subprocess.run(
            [str(bin_dir / "django-admin"), "collectstatic", "--noinput", "-v", "0"],
            env=env,
            check=True,
            timeout=120,
        )
        manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
        css = manifest["techbridge/app.css"]
        assert re.fullmatch(r"techbridge/app\.[0-9a-f]{12}\.css", css)

        log = tmp_path / "gunicorn.log"
        argv = [sys.executable, "-m", "gunicorn", "-c", "python:techbridge.web.gunicorn_conf"]
        workers = Workers(env=env, queue=queue, log_dir=tmp_path)
        with log.open("w") as out:
            web = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            workers.start(1)
            _wait_until_serving(web, port, log, timeout=60)

            status, _headers, body = _get(port, "/health/")
            health = json.loads(body)
            assert status == 200, health
            assert health["database"] == "ok"
            assert health["jobs"]["backend"] == "celery" and health["jobs"]["broker"] == "ok"

            status, headers, body = _get(port, f"/static/{css}", {"Accept-Encoding": "gzip"})
            assert status == 200 and headers["content-encoding"] == "gzip"
            assert "max-age=315360000" in headers["cache-control"] and "immutable" in headers["cache-control"]

            status, headers, body = _get(port, "/accounts/login/")
            assert status == 200, body[:500]
            assert f'/static/{css}"'.encode() in body  # templates link the hashed, cacheable copy
            assert "secure" in headers["set-cookie"].lower()  # production cookies (behind TLS)

            # the sign-in throttle sees the client address nginx forwarded, not the proxy's 127.0.0.1
            net = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}"

            def token_attempt(name: str, client: str) -> int:
                body = json.dumps({"username": name, "password": "wrong-password-1"}).encode()
                headers = {"Content-Type": "application/json", "X-Forwarded-For": f"203.0.113.9, {client}"}
                return _get(port, "/api/auth/token", headers, method="POST", body=body)[0]

            attempts = [token_attempt(f"nobody-{n}-{net}", f"{net}.1") for n in range(6)]
            assert attempts == [401] * 5 + [429]  # the sixth attempt from that client is refused
            assert token_attempt(f"somebody-{net}", f"{net}.2") == 401  # another client is not

            # a job submitted through the platform (the command line) completes on the Celery worker
            done = subprocess.run(
                [str(bin_dir / "techbridge"), "cases", "remind"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
            )
            job_id = re.search(r"job ([0-9a-f-]{36})", done.stdout).group(1)
            job = Job.objects.get(pk=job_id)
            deadline = time.monotonic() + 20
            while job.state in ("queued", "running") and time.monotonic() < deadline:
                time.sleep(0.2)
                job.refresh_from_db()
            assert (job.state, job.result) == ("done", {"reminded": 0}), workers.logs()
            assert ":celery" in job.worker
        finally:
            web.send_signal(signal.SIGTERM)  # graceful stop, as systemd does
            try:
                web.wait(timeout=40)
            except subprocess.TimeoutExpired:
                web.kill()
            workers.stop_all()
        access = log.read_text()
        assert re.search(r"GET /accounts/login/ 200 \d+ \d+ms", access), access[-2000:]
        assert "127.0.0.1 -" not in access  # no client addresses in the access log


def test_the_master_freezes_what_it_preloaded_before_forking_workers():
    """Preloaded objects are kept out of the workers' garbage collections (a 25-30 s pause under load)."""
    import gc

    from techbridge.web import gunicorn_conf

    before = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]  # long-lived objects the collector tracks (lists always are)
    try:
        gunicorn_conf.freeze_preloaded_objects()
        assert gc.get_freeze_count() >= before + len(kept)
        assert all(gc.is_tracked(d) for d in kept[:3])  # still tracked, only frozen
    finally:
        gc.unfreeze()
