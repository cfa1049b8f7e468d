"""Fixtures of the job tests: the sample job kinds, and a backend that only records dispatches."""

from __future__ import annotations

import pytest

from techbridge.jobs.tests import sample_jobs  # noqa: F401  (registers the tests.* job kinds)


@pytest.fixture
def held(settings, monkeypatch):
    """Jobs stay queued after submit (the dispatches are recorded in the returned list) so tests drive them."""
    settings.TECHBRIDGE_JOBS_BACKEND = "thread"
    sent: list[str] = []
    monkeypatch.setattr(
        "techbridge.jobs.backends.dispatch", lambda job_id, countdown=0.0: sent.append(job_id)
    )
    return sent
