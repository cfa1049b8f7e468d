"""Job settings, read from Django settings at call time (tests may override them) with safe defaults."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

BACKENDS = ("thread", "celery", "eager")


def backend() -> str:
    name = getattr(settings, "TECHBRIDGE_JOBS_BACKEND", "thread")
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"TECHBRIDGE_JOBS_BACKEND={name!r} must be one of: {', '.join(BACKENDS)}")
    return name


def redis_url() -> str:
    return getattr(settings, "TECHBRIDGE_REDIS_URL", None) or "redis://127.0.0.1:6379/0"


def queue() -> str:
    return getattr(settings, "TECHBRIDGE_JOBS_QUEUE", None) or "techbridge"


def concurrency() -> int:
    return int(getattr(settings, "TECHBRIDGE_JOBS_CONCURRENCY", 2))


def heartbeat() -> float:
    """Seconds between heartbeats of a running job."""
    return float(getattr(settings, "TECHBRIDGE_JOBS_HEARTBEAT", 5))


def stale_after() -> float:
    """Seconds without a heartbeat after which a running job's worker is presumed dead."""
    value = float(getattr(settings, "TECHBRIDGE_JOBS_STALE_AFTER", 60))
    if value < 2 * heartbeat():
        raise ImproperlyConfigured(
            f"TECHBRIDGE_JOBS_STALE_AFTER={value:g} must be at least twice TECHBRIDGE_JOBS_HEARTBEAT"
        )
    return value


def retry_base() -> float:
    """First retry delay in seconds; doubles with each failed attempt up to `retry_cap`."""
    return float(getattr(settings, "TECHBRIDGE_JOBS_RETRY_BASE", 10))


def retry_cap() -> float:
    return float(getattr(settings, "TECHBRIDGE_JOBS_RETRY_CAP", 3600))


def max_recoveries() -> int:
    """How often a job is re-queued after losing its worker before it is failed (a poison job)."""
    return int(getattr(settings, "TECHBRIDGE_JOBS_MAX_RECOVERIES", 3))
