"""The daily job that deletes expired sessions."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from techbridge.jobs.registry import get_spec
from techbridge.jobs.services import job_submit

pytestmark = pytest.mark.django_db


def _session(expires_in: int) -> str:
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + dt.timedelta(seconds=expires_in)
    )
    return store.session_key


def test_expired_sessions_are_deleted_and_live_ones_kept(world):
    expired = [_session(-60), _session(-3600)]
    live = _session(600)
    job = job_submit(kind="accounts.clear_sessions", by=None)
    assert job.state == "done" and job.result == {"deleted": 2}
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert not Session.objects.filter(session_key__in=expired).exists()


def test_it_runs_once_a_day():
    spec = get_spec("accounts.clear_sessions")
    assert spec.every == 24 * 3600 and spec.retry
