"""Schema-driven fuzzing of the API (schemathesis): whatever it sends, the API never answers 500."""

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from techbridge.web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly would close the test's connection at request end (as Django's test
    client avoids too): on PostgreSQL that ends the test transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def broker_token(world):
    from techbridge.accounts.models import ApiToken

    _token, raw = ApiToken.issue(world["users"]["broker"])
    return raw


@schema.parametrize()
@hypothesis_settings(
    max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_the_api_never_fails_with_a_server_error(case, broker_token):
    response = case.call(headers={"Authorization": f"Bearer {broker_token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}"
