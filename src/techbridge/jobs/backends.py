"""Getting a queued job to a worker: eager (now, in this thread), thread (in-process pool), celery (Redis).

The database row is the truth; a dispatch is only a wake-up call. Losing one (broker down, process killed)
delays a job but never loses it: the sweeper re-dispatches stale and orphaned jobs, and the claim is a
compare-and-set, so a duplicate dispatch never runs a job twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import connection

from techbridge.jobs import conf, runner

log = logging.getLogger("techbridge.jobs")
_FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
# Redis redelivers unacknowledged messages after the visibility timeout, so a message held for hours by a
# worker (a far countdown) would be delivered again and again: jobs due later wait in the database instead.
MAX_COUNTDOWN = 300.0


def dispatch(job_id: str, *, countdown: float = 0.0) -> None:
    """Hand a queued job to the configured backend (after the submitting transaction committed)."""
    backend = conf.backend()
    if backend == "eager":
        run_eagerly(job_id)
    elif backend == "thread":
        ensure_pool().notify()
    else:
        send_to_celery(job_id, countdown=countdown)


def run_eagerly(job_id: str) -> None:
    """Run now, in this thread; retries follow at once (no backoff sleep), up to the kind's max_attempts."""
    while True:
        outcome = runner.execute(job_id, worker="eager", eager=True, due_by=_FAR_FUTURE)
        if outcome is None or outcome.retry_in is None:
            return


def send_to_celery(job_id: str, *, countdown: float = 0.0) -> None:
    """Send the job's message; a job due later than MAX_COUNTDOWN is left to the sweeper (see below)."""
    from techbridge.jobs.celery_app import run_job

    if countdown > MAX_COUNTDOWN:
        return
    if countdown > 0:
        # Mark the dispatch as taking effect when the job is due, so the sweeper does not send it again.
        runner.mark_dispatched(job_id, countdown)
    try:
        run_job.apply_async(args=[str(job_id)], countdown=countdown or None, queue=conf.queue())
    except Exception:  # the broker is down: the job stays queued and the sweeper dispatches it later
        log.exception("could not send job %s to the Celery broker at %s", job_id, conf.redis_url())


def sweep(send=dispatch) -> int:
    """Re-queue jobs of dead workers, dispatch jobs that became due or whose dispatch was lost."""
    runner.schedule_periodic()  # queued with heartbeat_at < run_after: to_dispatch sends them when due
    ids = runner.recover_stale() + runner.to_dispatch()
    for job_id in ids:
        send(job_id)
    return len(ids)


class ThreadPool:
    """A few daemon threads that claim due jobs from the database; also sweeps for jobs of dead workers."""

    def __init__(self, size: int, *, poll: float = 1.0):
        self.size, self.poll = size, poll
        self._wake, self._stop = threading.Event(), threading.Event()
        self._threads: list[threading.Thread] = []
        self._last_sweep = 0.0
        self._sweep_lock = threading.Lock()

    def start(self) -> ThreadPool:
        for n in range(self.size):
            thread = threading.Thread(
                target=self._loop, name=f"techbridge-job-{n + 1}", args=(n + 1,), daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def notify(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=timeout)

    @property
    def alive(self) -> bool:
        return any(t.is_alive() for t in self._threads) and not self._stop.is_set()

    def _maybe_sweep(self) -> None:
        import time

        if not self._sweep_lock.acquire(blocking=False):
            return
        try:
            if time.monotonic() - self._last_sweep >= conf.heartbeat():
                self._last_sweep = time.monotonic()
                # Re-queued and periodic jobs are picked up by this pool's own polling: no dispatch needed.
                runner.recover_stale()
                runner.schedule_periodic()
        finally:
            self._sweep_lock.release()

    def _loop(self, number: int) -> None:
        name = runner.worker_name(f"thread-{number}")
        try:
            while not self._stop.is_set():
                ran = False
                try:
                    self._maybe_sweep()
                    for job_id in runner.next_due():
                        if self._stop.is_set():
                            break
                        if runner.execute(job_id, worker=name) is not None:
                            ran = True
                            break
                except Exception:  # keep the worker alive through database hiccups
                    log.exception("job worker %s: error while looking for work", name)
                    self._stop.wait(self.poll)
                if not ran:
                    self._wake.wait(self.poll)
                    self._wake.clear()
        finally:
            connection.close()


_pool: ThreadPool | None = None
_pool_lock = threading.Lock()


def ensure_pool(size: int | None = None) -> ThreadPool:
    """The process's job pool, started on first use (the embedded default needs no separate worker)."""
    global _pool
    with _pool_lock:
        if _pool is None or not _pool.alive:
            _pool = ThreadPool(size or conf.concurrency()).start()
        return _pool


def stop_pool(timeout: float = 10.0) -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.stop(timeout)
            _pool = None
