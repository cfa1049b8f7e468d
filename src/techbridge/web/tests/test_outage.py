"""Database outage: every request gets a clean 503 (HTML or JSON, the visitor's language, Retry-After).

The database really refuses here: an execute wrapper (Django's hook around every query of a connection)
raises the OperationalError a closed PostgreSQL gives, from the first query or after a few. The real
restart of a PostgreSQL server is in test_outage_postgres.py.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import Client

from techbridge.web.outage import RETRY_AFTER, is_outage

pytestmark = pytest.mark.django_db


class Refuse:
    """An execute wrapper: the first `allow` queries run, every later one fails as on a lost server."""

    def __init__(self, allow: int = 0):
        self.allow, self.refused = allow, 0

    def __call__(self, execute, sql, params, many, context):
        if self.allow > 0:
            self.allow -= 1
            return execute(sql, params, many, context)
        self.refused += 1
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)  # as a real server: the exception becomes a response


def _assert_clean_503(response) -> str:
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER)
    assert response["Cache-Control"] == "no-store"
    assert "Traceback" not in body and "OperationalError" not in body and "Connection refused" not in body
    return body


def test_a_signed_in_page_is_a_503_page_when_the_session_cannot_be_loaded(world, browser):
    browser.force_login(world["users"]["member"])
    refuse = Refuse()
    with connection.execute_wrapper(refuse):
        response = browser.get("/profiles/")
    body = _assert_clean_503(response)
    assert refuse.refused >= 1  # the session lookup failed inside the middleware, not in the view
    assert response["Content-Type"].startswith("text/html")
    assert "temporarily unavailable" in body and '<html lang="en">' in body
    assert "Content-Security-Policy" in response


def test_a_view_that_loses_the_database_mid_way_answers_503_in_the_visitor_s_language(world, browser):
    browser.force_login(world["users"]["member"])
    browser.cookies["techbridge_language"] = "zh-hans"
    refuse = Refuse(allow=2)  # session and user load; the view's own queries fail
    with connection.execute_wrapper(refuse):
        response = browser.get("/profiles/")
    body = _assert_clean_503(response)
    assert refuse.refused >= 1
    assert '<html lang="zh-hans">' in body and response["Content-Language"] == "zh-hans"


def test_an_anonymous_form_post_is_a_503_not_a_500(world, browser):
    with connection.execute_wrapper(Refuse()):
        response = browser.post("/accounts/login/", {"username": "member", "password": "whatever-123"})
    _assert_clean_503(response)


def test_the_api_answers_json_503(world, browser):
    browser.force_login(world["users"]["member"])
    with connection.execute_wrapper(Refuse(allow=2)):
        response = browser.get("/api/profiles")
    _assert_clean_503(response)
    assert response.json() == {
        "detail": "The service is temporarily unavailable. Please try again in a few seconds."
    }


def test_health_says_the_database_is_down(browser, db):
    with connection.execute_wrapper(Refuse()):
        response = browser.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}


def test_pages_work_again_once_the_database_answers(world, browser):
    browser.force_login(world["users"]["member"])
    with connection.execute_wrapper(Refuse()):
        assert browser.get("/profiles/").status_code == 503
    assert browser.get("/profiles/").status_code == 200
    assert browser.get("/health/").status_code == 200


def test_only_connection_failures_count_as_an_outage():
    assert is_outage(OperationalError("server closed the connection unexpectedly"))
    assert is_outage(InterfaceError("connection already closed"))
    try:
        try:
            raise OperationalError("terminating connection due to administrator command")
        except OperationalError as exc:
            raise RuntimeError("rendering failed") from exc
    except RuntimeError as wrapped:
        assert is_outage(wrapped)
    assert not is_outage(IntegrityError("duplicate key value violates unique constraint"))
    assert not is_outage(ValueError("bad input"))
    assert not is_outage(None)
