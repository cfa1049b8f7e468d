"""Bearer tokens: 'last used' is recorded to five minutes, not written on every call."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from techbridge.accounts.models import ApiToken


def _call(client, raw):
    return client.get("/api/countries", HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_token_records_its_last_use_at_most_every_five_minutes(client, world):
    token, raw = ApiToken.issue(world["users"]["member"])
    assert token.last_used_at is None
    assert _call(client, raw).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None

    with CaptureQueriesContext(connection) as queries:
        assert _call(client, raw).status_code == 200
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]  # a read-only call stays read-only
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=5))
    assert _call(client, raw).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=5)


def test_an_unknown_token_is_refused_and_records_nothing(client, world):
    token, _raw = ApiToken.issue(world["users"]["member"])
    assert _call(client, "not-a-token").status_code == 401
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None
