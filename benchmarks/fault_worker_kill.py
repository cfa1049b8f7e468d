"""Fault benchmark: a worker SIGKILLed in the middle of an event's scheduling job (docs/benchmarks/faults.md).

An event of 120 organisations and 900 accepted meetings (every one must be placed) is built through the
events services in a fresh database; an uninterrupted run gives the reference schedule. Then, per backend:
the scheduling job is submitted, the worker process is killed with SIGKILL once the solver is in its
breaks stage (progress >= 0.5), a new worker is started, and the job must end "done" once, on attempt 2,
with exactly the reference schedule. Celery workers use the Redis on 127.0.0.1:6379, database 14.

    .venv/bin/python benchmarks/fault_worker_kill.py                       # SQLite file, both backends
    .venv/bin/python benchmarks/fault_worker_kill.py --postgres --json out.json   # private PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

REDIS_URL = "redis://127.0.0.1:6379/14"
HERE = Path(__file__).resolve().parent


def _configure(root: Path, database_url: str, heartbeat: int, stale_after: int) -> dict[str, str]:
    """Environment of this process and of the workers (set before Django starts)."""
    env = {
        "DJANGO_SETTINGS_MODULE": "techbridge.web.settings",
        "DATABASE_URL": database_url,
        "TECHBRIDGE_DATA_DIR": str(root / "data"),
        "TECHBRIDGE_REDIS_URL": REDIS_URL,
        "TECHBRIDGE_JOBS_QUEUE": f"techbridge-fault-{uuid.uuid4().hex[:10]}",
        "TECHBRIDGE_JOBS_HEARTBEAT": str(heartbeat),
        "TECHBRIDGE_JOBS_STALE_AFTER": str(stale_after),
        "TECHBRIDGE_JOBS_BACKEND": "celery",
        "TECHBRIDGE_LOG_LEVEL": "WARNING",
    }
    (root / "data").mkdir(parents=True, exist_ok=True)
    os.environ.update(env)
    os.environ.pop("TECHBRIDGE_TEST_DATABASE_NAME", None)
    return {**os.environ}


def _wait(job, check, timeout: float, logs) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if check(job):
            return time.monotonic()
        time.sleep(0.05)
    raise SystemExit(f"timeout: job is {job.state} ({job.message!r} {job.error!r})\n{logs()}")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def kill_once(backend: str, event, broker, pool, baseline: tuple[dict, list], time_limit: float) -> dict:
    """Submit, kill the worker inside the solver, start another, wait for the end; the measurements."""
    from techbridge.events.schedule import schedule_submit
    from techbridge.jobs.models import Job
    from techbridge.jobs.tests.fault_event import assert_valid_schedule, clear_schedule, schedule_rows

    clear_schedule(event)
    jobs_before = Job.objects.filter(kind="events.schedule").count()
    first = pool.start(1)[0] if backend == "celery" else pool.start()
    t0 = time.monotonic()
    job = schedule_submit(event=event, by=broker, time_limit=time_limit)
    t_running = _wait(job, lambda j: j.state == "running", 60, pool.logs)
    t_solver = _wait(job, lambda j: j.state == "running" and j.progress >= 0.5, 120, pool.logs)
    progress_at_kill = job.progress
    pool.kill(first)
    t_kill = time.monotonic()
    pool.start(1) if backend == "celery" else pool.start()
    t_ready = time.monotonic()
    t_requeued = _wait(job, lambda j: j.recoveries >= 1, 60, pool.logs)
    t_second = _wait(job, lambda j: j.attempts >= 2 and j.state != "queued", 60, pool.logs)
    t_done = _wait(job, lambda j: j.state not in ("queued", "running"), 300, pool.logs)
    time.sleep(2.0)  # a duplicate delivery, if there were one, would run now
    job.refresh_from_db()
    summary, rows = baseline
    same = schedule_rows(event) == rows
    assert_valid_schedule(event)
    return {
        "backend": backend,
        "state": job.state,
        "attempts": job.attempts,
        "recoveries": job.recoveries,
        "jobs_of_the_event": Job.objects.filter(kind="events.schedule").count() - jobs_before,
        "same_schedule_as_uninterrupted": same,
        "same_summary": job.result == summary,
        "killed_at_progress": round(progress_at_kill, 3),
        "claimed_after_s": round(t_running - t0, 2),
        "killed_after_s": round(t_kill - t0, 2),
        "in_solver_after_s": round(t_solver - t0, 2),
        "new_worker_ready_s": round(t_ready - t_kill, 2),
        "requeued_after_kill_s": round(t_requeued - t_kill, 2),
        "second_attempt_after_kill_s": round(t_second - t_kill, 2),
        "done_after_kill_s": round(t_done - t_kill, 2),
        "total_s": round(t_done - t0, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=120)
    parser.add_argument("--meetings", type=int, default=15, help="meetings per participant")
    parser.add_argument("--seed", type=int, default=33)
    parser.add_argument("--backends", default="celery,thread")
    parser.add_argument("--postgres", action="store_true", help="a private PostgreSQL cluster, not SQLite")
    parser.add_argument("--heartbeat", type=int, default=1, help="seconds between job heartbeats")
    parser.add_argument("--stale-after", type=int, default=3, help="seconds of silence before re-queueing")
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="techbridge-kill-"))
    root.chmod(0o755)
    cluster = None
    pools = []
    try:
        if args.postgres:
            sys.path.insert(0, str(HERE))
            from fault_pg_restart import PrivateCluster, free_port

            cluster = PrivateCluster(root / "cluster", free_port())
            cluster.init()
            cluster.start()
            database_url = cluster.url("postgres")
        else:
            database_url = f"sqlite:///{root / 'kill.sqlite3'}"
        env = _configure(root, database_url, args.heartbeat, args.stale_after)

        import django

        django.setup()
        import redis
        from django.core.management import call_command

        from techbridge.accounts.models import User
        from techbridge.events.schedule import schedule_compute
        from techbridge.jobs import backends
        from techbridge.jobs.tests.fault_event import (
            ThreadWorkers,
            assert_valid_schedule,
            clear_schedule,
            fault_event,
            schedule_rows,
        )
        from techbridge.jobs.tests.worker_process import Workers

        call_command("migrate", verbosity=0)
        broker = User.objects.create_user(username="kill-broker", password="kill-drill-2026", role="broker")
        t = time.monotonic()
        event = fault_event(
            organiser=broker, participants=args.participants, meetings=args.meetings, seed=args.seed
        )
        result: dict = {
            "database": "postgresql" if args.postgres else "sqlite",
            "participants": args.participants,
            "meetings": event.meetings.count(),
            "build_s": round(time.monotonic() - t, 1),
            "heartbeat_s": args.heartbeat,
            "stale_after_s": args.stale_after,
        }
        runs, cpu = [], []
        for _ in range(3):  # uninterrupted runs in this process: the reference, and its repeatability
            clear_schedule(event)
            c0, w0 = _cpu(), time.monotonic()
            summary = schedule_compute(event, time_limit=args.time_limit)
            cpu.append(_cpu() - c0)
            runs.append((summary, schedule_rows(event), time.monotonic() - w0))
        assert_valid_schedule(event)
        baseline = runs[0][:2]
        result["uninterrupted"] = {
            **{k: baseline[0][k] for k in ("status", "meetings", "breaks", "breaks_bound")},
            "wall_s": sorted(round(r[2], 2) for r in runs),
            "cpu_s_median": round(sorted(cpu)[1], 2),
            "identical_runs": all(r[:2] == baseline for r in runs),
        }
        result["kills"] = []
        for backend in args.backends.split(","):
            if backend == "celery":
                redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
                pool = Workers(env=env, queue=env["TECHBRIDGE_JOBS_QUEUE"], log_dir=root)
                backends_dispatch = backends.dispatch
            else:
                pool = ThreadWorkers(env=env, log_dir=root)
                # The job must run in the worker process; that process polls the database for due jobs.
                backends_dispatch, backends.dispatch = backends.dispatch, lambda job_id, countdown=0.0: None
                from django.conf import settings

                settings.TECHBRIDGE_JOBS_BACKEND = "thread"
            pools.append(pool)
            try:
                result["kills"].append(kill_once(backend, event, broker, pool, baseline, args.time_limit))
            finally:
                pool.stop_all()
                backends.dispatch = backends_dispatch
        ok = result["uninterrupted"]["identical_runs"] and all(
            k["state"] == "done"
            and (k["attempts"], k["recoveries"], k["jobs_of_the_event"]) == (2, 1, 1)
            and k["same_schedule_as_uninterrupted"]
            and k["same_summary"]
            for k in result["kills"]
        )
        result["verdict"] = "ok" if ok else "FAILED"
        text = json.dumps(result, indent=2)
        print(text)
        if args.json:
            args.json.write_text(text + "\n")
        return 0 if ok else 1
    finally:
        for pool in pools:
            pool.stop_all()
        try:
            import redis

            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).delete(
                os.environ.get("TECHBRIDGE_JOBS_QUEUE", "")
            )
        except Exception:  # noqa: BLE001 (clean-up only)
            pass
        if cluster is not None:
            from django.db import connections

            connections.close_all()
            cluster.destroy()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
