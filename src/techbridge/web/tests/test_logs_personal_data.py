"""No personal data in logs: a session of everyday use and its accidents (failed and successful sign-ins, people
and profiles with names, e-mail addresses and phone numbers, searches, forms with passwords, API calls with
tokens, validation errors, a refused CSRF check, a failing job, a server error), everything logged by every
logger at DEBUG through the platform's console handler, in both formats; none of the personal values appear."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client
from django.urls import path

from techbridge.web.tests.test_logs import log_output  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

USERNAME = "zofia.wroblewska"
EMAIL = "zofia.wroblewska@przyklad-uczelni.pl"
FIRST, LAST = "Zofia", "Wróblewska"
PASSWORD = "Wisla-Krakow-Sekret-77"
WRONG_PASSWORD = "Odra-Wroclaw-Blad-13"
NEW_PASSWORD = "Warta-Poznan-Nowe-2026"
EXPERT = "Bartłomiej Szczepański"
EXPERT_EMAIL = "b.szczepanski@instytut-badan.example"
PHONE = "+48 601 234 567"
SEARCH = "Szczepański baterie"


def crash(request):
    """A bug whose exception text carries personal data (what a careless f-string would do)."""
    raise RuntimeError(
        f"could not notify {request.user.email}: token {request.COOKIES.get('sessionid')} "
        f"phone {PHONE} at {request.get_full_path()}"
    )


urlpatterns = [path("crash/", crash)]


def _with_crash_view():
    from techbridge.web import urls

    return [*urls.urlpatterns, *urlpatterns]


class CrashURLs:
    urlpatterns = _with_crash_view()


def _everyday_use(world, settings) -> tuple[set[str], dict]:
    """Run the scenario; returns the secrets that came into being (session keys, tokens) and some ids."""
    from techbridge.accounts.models import User
    from techbridge.directory.models import Person
    from techbridge.jobs.services import job_submit
    from techbridge.jobs.tests import sample_jobs  # noqa: F401  (registers tests.crash)

    secrets: set[str] = set()
    user = User.objects.create_user(
        username=USERNAME,
        email=EMAIL,
        first_name=FIRST,
        last_name=LAST,
        password=PASSWORD,
        role="member",
        organisation=world["orgs"]["ningbo"],
    )
    person = Person.objects.create(
        key="b-szczepanski",
        full_name=EXPERT,
        kind="expert",
        country=world["countries"]["PL"],
        email=EXPERT_EMAIL,
    )
    browser = Client()
    browser.get(f"/accounts/login/?next=/people/%3Fq%3D{EXPERT}")
    for username, password in ((USERNAME, WRONG_PASSWORD), (EMAIL, PASSWORD)):
        assert (
            browser.post("/accounts/login/", {"username": username, "password": password}).status_code == 200
        )
    assert browser.post("/accounts/login/", {"username": USERNAME, "password": PASSWORD}).status_code == 302
    secrets.add(browser.cookies["sessionid"].value)
    browser.get(f"/people/?q={SEARCH}")
    browser.get(f"/people/{person.key}/")
    browser.get(f"/profiles/?q={EMAIL}")
    browser.get(f"/people/{EMAIL}/")  # a 404 whose path carries an e-mail address
    summary = f"Contact {FIRST} {LAST}, {EMAIL}, {PHONE}: battery management systems for e-buses."
    invalid = browser.post(
        "/profiles/new/", {"kind": "offer", "title": "", "summary": summary, "language": "en"}
    )
    assert invalid.status_code == 200  # the form comes back with its errors
    api_invalid = browser.post(
        "/api/profiles",
        {"kind": "offer", "title": "x", "summary": summary, "trl": 99},
        content_type="application/json",
    )
    assert api_invalid.status_code == 422
    broker = Client()
    broker.force_login(world["users"]["admin"])
    secrets.add(broker.cookies["sessionid"].value)
    weak = {"usable_password": "true", "password1": USERNAME, "password2": USERNAME}
    assert broker.post(f"/admin/accounts/user/{user.pk}/password/", weak).status_code == 200
    strong = {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert broker.post(f"/admin/accounts/user/{user.pk}/password/", strong).status_code == 302
    api = Client()
    wrong = api.post(
        "/api/auth/token", {"username": USERNAME, "password": PASSWORD}, content_type="application/json"
    )
    assert wrong.status_code == 401  # the password was changed above
    issued = api.post(
        "/api/auth/token", {"username": USERNAME, "password": NEW_PASSWORD}, content_type="application/json"
    )
    token = issued.json()["token"]
    secrets.add(token)
    assert api.get("/api/profiles", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert api.get("/api/profiles", HTTP_AUTHORIZATION=f"Bearer {token[:-4]}abcd").status_code == 401
    forged = Client(enforce_csrf_checks=True)
    assert (
        forged.post("/accounts/login/", {"username": USERNAME, "password": NEW_PASSWORD}).status_code == 403
    )
    job = job_submit(kind="tests.crash", params={"message": f"mail to {EMAIL} bounced"}, by=user)
    settings.ROOT_URLCONF = CrashURLs
    failing = Client(raise_request_exception=False)
    failing.force_login(User.objects.get(pk=user.pk))  # with the new password
    secrets.add(failing.cookies["sessionid"].value)
    assert failing.get(f"/crash/?email={EMAIL}").status_code == 500
    settings.ROOT_URLCONF = "techbridge.web.urls"
    browser.post("/accounts/logout/")
    return secrets, {"user": user.pk, "job": str(job.pk)}


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_no_personal_data_in_logs(world, settings, log_output, fmt):  # noqa: F811
    out = log_output(fmt, level=logging.DEBUG)
    secrets, ids = _everyday_use(world, settings)
    text = out.getvalue()
    personal = {
        USERNAME,
        EMAIL,
        "zofia",
        "Zofia",
        LAST,
        "Wroblewska",
        PASSWORD,
        WRONG_PASSWORD,
        NEW_PASSWORD,
        EXPERT,
        "Szczepa",
        EXPERT_EMAIL,
        PHONE,
        "601 234 567",
        "baterie",
        "przyklad",
    }
    leaks = sorted(value for value in personal | secrets if value in text)
    assert leaks == [], f"personal data in the log: {leaks}"
    for secret in secrets:  # nor any recognisable part of a session key or token
        assert secret[:12] not in text and secret[-12:] not in text

    # the scenario really was logged (and the scrubber really had work to do)
    assert text.count("techbridge.request") == 19  # hand-counted: the requests made above, one record each
    assert "[email]" in text and "[phone]" in text
    if fmt == "json":
        entries = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        assert all(isinstance(e, dict) for e in entries)
        by_status = {e.get("status") for e in entries if e["logger"] == "techbridge.request"}
        assert {200, 302, 401, 403, 404, 422, 500} <= by_status
        server_error = [e for e in entries if e["logger"] == "django.request" and e.get("status") == 500]
        assert len(server_error) == 1 and "RuntimeError: could not notify [email]" in server_error[0]["exc"]
        assert server_error[0]["user_id"] == ids["user"] and server_error[0]["path"] == "/crash/"
        job_lines = [e for e in entries if e["logger"] == "techbridge.jobs"]
        assert job_lines and all(e["job_id"] == ids["job"] for e in job_lines)
        assert any("mail to [email] bounced" in e.get("exc", "") for e in job_lines)
        assert any(e["logger"] == "django.security.csrf" for e in entries)
        assert {e["user_id"] for e in entries if "user_id" in e} <= {ids["user"], world["users"]["admin"].pk}
