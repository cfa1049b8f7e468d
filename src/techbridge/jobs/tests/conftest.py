"""Fixtures of the job tests: the sample job kinds, and a backend that only records dispatches."""

from __future__ import annotations

import pytest

from techbridge.jobs import runner
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


@pytest.fixture(autouse=True)
def only_test_periodic_kinds(monkeypatch):
    """The platform's own periodic kinds (refits, session clean-up) would be queued and dispatched by
    every sweep here; these tests count what a sweep sends, so they see only the kinds they register."""
    every = runner.periodic_specs
    monkeypatch.setattr(runner, "periodic_specs", lambda: [s for s in every() if s.kind.startswith("tests.")])
