"""Helpers of the Celery test: a database both processes can open, and real worker processes."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connections


def _postgres_url(conf: dict) -> str:
    user = quote(conf.get("USER") or "", safe="")
    password = quote(conf.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{conf['PORT']}" if conf.get("PORT") else ""
    return f"postgres://{auth}{conf.get('HOST') or 'localhost'}{port}/{quote(conf['NAME'], safe='')}"


@contextlib.contextmanager
def shared_database(tmp_path: Path):
    """Yield a DATABASE_URL of the test database that another process can open.

    PostgreSQL and file-based SQLite test databases are used as they are. pytest-django's default in-memory
    SQLite database lives only in this process: it is copied (schema and rows) into a file, and this
    process's default connection points at that file until the block ends.
    """
    original = connections["default"]
    conf = original.settings_dict
    if original.vendor == "postgresql":
        yield _postgres_url(conf)
        return
    if not original.is_in_memory_db():
        yield f"sqlite:///{Path(conf['NAME']).resolve()}"
        return
    path = tmp_path / "jobs-test.sqlite3"
    original.ensure_connection()
    target = sqlite3.connect(path)
    original.connection.backup(target)
    target.close()
    wrapper = type(original)({**conf, "NAME": str(path)}, alias="default")
    connections["default"] = wrapper
    try:
        yield f"sqlite:///{path}"
    finally:
        wrapper.close()
        connections["default"] = original


class Workers:
    """Starts real `celery worker` processes (solo pool) for one queue and stops them all at the end."""

    def __init__(self, *, env: dict[str, str], queue: str, log_dir: Path):
        self.env, self.queue, self.log_dir = env, queue, log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, count: int = 1, timeout: float = 60.0) -> list[subprocess.Popen]:
        """Start `count` workers side by side (Django's start-up dominates) and wait until all are ready."""
        started = [self._spawn(len(self.procs) + 1) for _n in range(count)]
        deadline = time.monotonic() + timeout
        for proc, log in started:
            while " ready." not in log.read_text():
                if proc.poll() is not None:
                    raise AssertionError(
                        f"a Celery worker exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
                    )
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"a Celery worker was not ready in {timeout} s:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(0.1)
        return [proc for proc, _log in started]

    def _spawn(self, n: int) -> tuple[subprocess.Popen, Path]:
        log = self.log_dir / f"worker-{n}.log"
        argv = [
            sys.executable, "-m", "celery", "-A", "techbridge.jobs.celery_app", "worker",
            "--pool=solo", "--concurrency=1", "--queues", self.queue, "--hostname", f"{self.queue}-{n}@%h",
            "--include", "techbridge.jobs.tests.sample_jobs", "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        with log.open("w") as out:
            proc = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc, log

    def kill(self, proc: subprocess.Popen) -> None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT)  # cold shutdown: the test is over, nothing left to finish
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def logs(self) -> str:
        return "\n".join(p.read_text()[-2000:] for p in sorted(self.log_dir.glob("worker-*.log")))
