"""The registry of job kinds: `@job("app.action")` turns a function into something `job_submit` can run.

    @job("evaluation.run_index", retry=False)
    def run_index(ctx, *, index_run_id: int) -> dict:
        ctx.progress(0.3, "Normalising")
        if ctx.cancelled():
            return {}
        return {"score": 42}

Only idempotent jobs should say `retry=True`: they are re-run with exponential backoff after an error.
Any job may be re-run after its worker died, so write results in one transaction or idempotently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

DEFAULT_RETRY_ATTEMPTS = 5


class JobCancelled(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """Raise inside a job function to stop at once; the job ends in state "cancelled"."""


class JobError(Exception):
    """A failure whose message is meant for the person who started the job; never retried."""


class JobContext(Protocol):
    """What a job function receives as `ctx`."""

    job_id: str
    attempt: int

    def progress(self, fraction: float, message: str = "") -> None: ...

    def cancelled(self) -> bool: ...


@dataclass(frozen=True)
class JobSpec:
    kind: str
    func: Callable[..., Any]
    retry: bool
    max_attempts: int
    title: str  # may be a gettext_lazy string
    every: float | None = None  # seconds between runs of a periodic kind (no parameters)


_REGISTRY: dict[str, JobSpec] = {}


def job(
    kind: str,
    *,
    retry: bool = False,
    max_attempts: int | None = None,
    title: str = "",
    every: float | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register `func(ctx, **params) -> JSON-serialisable result` under `kind` (returns func unchanged).

    `every=3600` makes a periodic kind (alerts, digests): the workers' sweeper keeps one run of it queued,
    due `every` seconds after the previous run finished; it is called without parameters.
    """
    if not kind or len(kind) > 100:
        raise ValueError(f"job kind {kind!r} must be 1-100 characters")
    if every is not None and every < 1:
        raise ValueError(f"job {kind!r}: every must be at least 1 second")
    attempts = 1 if not retry else (max_attempts or DEFAULT_RETRY_ATTEMPTS)
    if attempts < 1:
        raise ValueError(f"job {kind!r}: max_attempts must be at least 1")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        existing = _REGISTRY.get(kind)
        if existing is not None and _qualname(existing.func) != _qualname(func):
            raise ValueError(f"job kind {kind!r} is already registered by {_qualname(existing.func)}")
        _REGISTRY[kind] = JobSpec(
            kind=kind, func=func, retry=retry, max_attempts=attempts, title=title, every=every
        )
        return func

    return register


def _qualname(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def get_spec(kind: str) -> JobSpec | None:
    return _REGISTRY.get(kind)


def registered_kinds() -> list[str]:
    return sorted(_REGISTRY)


def periodic_specs() -> list[JobSpec]:
    return [spec for spec in _REGISTRY.values() if spec.every]
