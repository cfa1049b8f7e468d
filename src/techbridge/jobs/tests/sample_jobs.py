"""Job kinds used by the job tests (imported by the tests and by the Celery worker they start)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from techbridge.jobs.models import Job
from techbridge.jobs.registry import JobCancelled, JobError, job


@job("tests.echo")
def echo(ctx, *, value=None) -> dict:
    ctx.progress(0.5, "Echoing")
    return {"value": value, "attempt": ctx.attempt}


@job("tests.steps")
def steps(ctx, *, count: int = 4, cancel_at: int | None = None, raise_on_cancel: bool = False) -> dict:
    """Reports progress per step; `cancel_at` simulates the person pressing "Cancel" at that step."""
    for step in range(count):
        if step == cancel_at:
            Job.objects.filter(pk=ctx.job_id).update(cancel_requested=True)
        if ctx.cancelled():
            if raise_on_cancel:
                raise JobCancelled()
            return {"stopped_at": step}
        ctx.progress((step + 1) / count, f"Step {step + 1} of {count}")
    return {"steps": count}


@job("tests.crash")
def crash(ctx, *, message: str = "the table has no column 'weight'") -> dict:
    raise ValueError(message)


@job("tests.refuse")
def refuse(ctx) -> dict:
    raise JobError("The file has no header row.")


@job("tests.flaky", retry=True, max_attempts=3)
def flaky(ctx, *, succeed_on: int, permanent: bool = False) -> dict:
    """Fails with a transient error until attempt `succeed_on` (with a JobError when `permanent`)."""
    if permanent:
        raise JobError("The index run was deleted.")
    if ctx.attempt < succeed_on:
        raise ConnectionError(f"upstream unavailable (attempt {ctx.attempt})")
    return {"attempt": ctx.attempt}


@job("tests.unserialisable")
def unserialisable(ctx) -> object:
    return {"when": object()}


@job("tests.record", retry=False)
def record(ctx, *, path: str, steps: int = 1, seconds: float = 0.0) -> dict:
    """Appends "start <attempt> <pid>" and "end <attempt> <pid>" lines to `path`: the test counts runs."""
    log = Path(path)
    with log.open("a") as f:
        f.write(f"start {ctx.attempt} {os.getpid()}\n")
    for step in range(steps):
        time.sleep(seconds)
        ctx.progress((step + 1) / steps, f"Step {step + 1} of {steps}")
    with log.open("a") as f:
        f.write(f"end {ctx.attempt} {os.getpid()}\n")
    return {"pid": os.getpid(), "attempt": ctx.attempt}


@job("tests.chatty")
def chatty(ctx, *, rows: int = 1000) -> dict:
    """Reports progress for every row, as an importer might."""
    for row in range(1, rows + 1):
        ctx.progress(row / rows, f"Row {row} of {rows}")
    return {"rows": rows}
