"""Sessions: they expire TECHBRIDGE_SESSION_AGE seconds after sign-in (server-side, whatever the browser keeps),
their cookie dies with the browser, sign-out deletes them on the server, and sign-in issues a new session id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from techbridge.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str = "member") -> str:
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed"
    return client.cookies["sessionid"].value


def _clock_moved(monkeypatch, seconds: float) -> None:
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + dt.timedelta(seconds=seconds))


def test_a_session_expires_session_age_seconds_after_sign_in(client, world, settings, monkeypatch):
    settings.SESSION_COOKIE_AGE = 600
    before = timezone.now()
    key = _sign_in(client)
    expiry = Session.objects.get(session_key=key).expire_date
    assert before + dt.timedelta(seconds=600) <= expiry <= timezone.now() + dt.timedelta(seconds=600)

    _clock_moved(monkeypatch, 540)  # nine minutes later: still signed in
    assert client.get("/profiles/").status_code == 200
    _clock_moved(monkeypatch, 601)  # the page view above did not extend the session
    response = client.get("/profiles/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/profiles/"


def test_the_session_cookie_dies_with_the_browser_and_is_http_only(client, world):
    _sign_in(client)
    cookie = client.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # no persistent cookie
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"


def test_sign_out_deletes_the_session_on_the_server(client, world):
    key = _sign_in(client)
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies["sessionid"] = key  # the old cookie, kept by an attacker or a shared computer
    response = replay.get("/profiles/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_sign_out_needs_a_post(client, world):
    key = _sign_in(client)
    assert client.get("/accounts/logout/").status_code == 405
    assert Session.objects.filter(session_key=key).exists()


def test_sign_in_issues_a_new_session_id(client, world):
    session = client.session  # an anonymous session, e.g. planted by an attacker (session fixation)
    session["planted"] = "yes"
    session.save()
    client.cookies["sessionid"] = planted = session.session_key
    key = _sign_in(client)
    assert key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    assert Session.objects.get(session_key=key).get_decoded()["_auth_user_id"] == str(
        world["users"]["member"].pk
    )


def test_an_unknown_session_id_is_not_adopted(client, world):
    client.cookies["sessionid"] = "attackerchosenkey0000000000000000"
    key = _sign_in(client)
    assert key != "attackerchosenkey0000000000000000"
    assert not Session.objects.filter(session_key="attackerchosenkey0000000000000000").exists()
