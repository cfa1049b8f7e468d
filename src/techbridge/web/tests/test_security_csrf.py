"""CSRF: with the checks a browser gets (enforce_csrf_checks), a POST without the token is refused with 403 on
the sign-in form, the pages, HTMX calls and the session-authenticated API; the same POST with the token (form
field or the X-CSRFToken header HTMX sends) goes through. Bearer-token API calls need no CSRF token."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from techbridge.conftest import PASSWORD
from techbridge.marketplace.models import Profile

pytestmark = pytest.mark.django_db


def _browser(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _page_token(client: Client, url: str = "/profiles/new/") -> tuple[str, str]:
    """The form token and the body's hx-headers token of a rendered page."""
    html = client.get(url).content.decode()
    field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    header = json.loads(re.search(r"<body hx-headers='([^']+)'", html).group(1))["X-CSRFToken"]
    return field, header


def test_sign_in_without_the_token_is_refused(world):
    client = _browser()
    response = client.post("/accounts/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in client.session
    html = client.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        "/accounts/login/", {"username": "member", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/language/", {"language": "zh-hans", "next": "/"}),
        ("/accounts/logout/", {}),
        ("/profiles/new/", {"kind": "offer", "title": "Forged profile", "summary": "x" * 80}),
        ("/docking/saved/", {"q": "battery"}),
        ("/import/", {"kind": "organisations", "mode": "create", "status": "draft"}),
    ],
)
def test_page_posts_without_the_token_are_refused(world, url, data):
    client = _browser(world["users"]["broker"])
    field, _header = _page_token(client)  # the browser holds the CSRF cookie; only the token is missing
    profiles = Profile.objects.count()
    assert client.post(url, data).status_code == 403
    assert (
        client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403
    )  # an HTMX call without the header
    assert Profile.objects.count() == profiles
    assert client.get("/profiles/").status_code == 200  # still signed in: a forged sign-out was refused
    assert client.post(url, {**data, "csrfmiddlewaretoken": field}).status_code != 403  # the view answers


def test_the_token_in_the_form_or_the_htmx_header_is_accepted(world):
    client = _browser(world["users"]["broker"])
    field, header = _page_token(client)
    assert (
        client.post("/language/", {"language": "en", "next": "/", "csrfmiddlewaretoken": field}).status_code
        == 302
    )
    response = client.post(
        "/language/", {"language": "en", "next": "/"}, HTTP_X_CSRFTOKEN=header, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 302


def test_a_forged_or_foreign_token_is_refused(world):
    client = _browser(world["users"]["broker"])
    other = _browser(world["users"]["member"])
    foreign, _ = _page_token(other)  # a valid token, but for another browser's cookie
    _page_token(client)
    assert client.post("/language/", {"language": "en", "csrfmiddlewaretoken": foreign}).status_code == 403
    assert client.post("/language/", {"language": "en", "csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_the_api_with_a_session_needs_the_token_and_with_a_bearer_token_does_not(world):
    from techbridge.accounts.models import ApiToken

    body = json.dumps({"spec": {"name": "forged"}})
    client = _browser(world["users"]["broker"])
    client.get("/")
    refused = client.post("/api/evaluation/frameworks", body, content_type="application/json")
    assert refused.status_code == 403
    _token, raw = ApiToken.issue(world["users"]["broker"])
    bearer = Client(enforce_csrf_checks=True)
    response = bearer.post(
        "/api/evaluation/frameworks",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 422  # past authentication and CSRF: the spec itself is checked
