"""Security settings as each environment really loads them (a fresh Python process per environment, settings read
from the variables): HSTS only in production and only over HTTPS, secure cookies in production, the CSP and
frame denial everywhere, the session age and the log format from their variables."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = r"""
import json, logging, sys
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
if settings.ENVIRONMENT == "production":  # hashed static files, as a deployment collects them
    call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
out = {name: getattr(settings, name, None) for name in (
    "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE", "LOG_FORMAT", "X_FRAME_OPTIONS", "FILE_UPLOAD_PERMISSIONS")}
for scheme, secure in (("https", True), ("http", False)):
    response = client.get("/accounts/login/", secure=secure)
    out[scheme] = {"status": response.status_code, **{k: response.get(k) for k in (
        "Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
        "Referrer-Policy", "X-Request-ID")}}
print(json.dumps(out))
"""


def probe(tmp_path, **env) -> tuple[dict, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TECHBRIDGE_", "DATABASE_URL"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="techbridge.web.settings",
        TECHBRIDGE_DATA_DIR=str(tmp_path),
        TECHBRIDGE_JOBS_BACKEND="eager",
        **env,
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    if done.returncode != 0:
        return {}, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    return probe(
        tmp_path_factory.mktemp("production"),
        TECHBRIDGE_ENV="production",
        TECHBRIDGE_SECRET_KEY="x" * 50,
        TECHBRIDGE_SESSION_AGE="900",
    )


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    return probe(tmp_path_factory.mktemp("embedded"))


def test_hsts_only_in_production_and_only_over_https(production, embedded):
    prod, _ = production
    assert prod["SECURE_HSTS_SECONDS"] == 31536000
    assert prod["https"]["Strict-Transport-Security"] == "max-age=31536000"
    assert prod["http"]["Strict-Transport-Security"] is None  # browsers ignore HSTS over plain HTTP
    emb, _ = embedded
    assert emb["SECURE_HSTS_SECONDS"] == 0
    assert (
        emb["https"]["Strict-Transport-Security"] is None and emb["http"]["Strict-Transport-Security"] is None
    )


def test_cookies_are_secure_in_production_only(production, embedded):
    assert production[0]["SESSION_COOKIE_SECURE"] is True and production[0]["CSRF_COOKIE_SECURE"] is True
    assert embedded[0]["SESSION_COOKIE_SECURE"] is False and embedded[0]["CSRF_COOKIE_SECURE"] is False


@pytest.mark.parametrize("env", ["production", "embedded"])
def test_csp_frame_denial_and_nosniff_in_every_environment(env, production, embedded):
    out = (production if env == "production" else embedded)[0]
    for scheme in ("https", "http"):
        headers = out[scheme]
        assert headers["status"] == 200
        csp = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
        assert csp["script-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
        assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'"
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_session_age_and_browser_close_policy(production, embedded):
    assert embedded[0]["SESSION_COOKIE_AGE"] == 8 * 3600 and production[0]["SESSION_COOKIE_AGE"] == 900
    assert embedded[0]["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert production[0]["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True


def test_uploads_are_written_without_execute_permission(embedded):
    assert embedded[0]["FILE_UPLOAD_PERMISSIONS"] == 0o640


def test_production_logs_json_lines_and_the_embedded_default_text(production, embedded):
    prod, prod_err = production
    assert prod["LOG_FORMAT"] == "json"
    lines = [json.loads(line) for line in prod_err.splitlines() if line.startswith("{")]
    access = [e for e in lines if e["logger"] == "techbridge.request"]
    assert len(access) == 2 and len(lines) == len(prod_err.splitlines())  # nothing but JSON on stderr
    first = access[0]
    assert set(first) == {
        "time",
        "level",
        "logger",
        "message",
        "request_id",
        "method",
        "path",
        "status",
        "duration_ms",
    }
    assert (first["method"], first["path"], first["status"], first["level"]) == (
        "GET",
        "/accounts/login/",
        200,
        "INFO",
    )
    assert first["request_id"] == prod["https"]["X-Request-ID"]
    assert first["time"].endswith("Z") and first["time"][10] == "T"
    emb, emb_err = embedded
    assert emb["LOG_FORMAT"] == "text"
    assert "INFO    techbridge.request: GET /accounts/login/ 200 [request=" in emb_err


def test_a_bad_log_format_stops_the_start_naming_the_variable(tmp_path):
    out, err = probe(tmp_path, TECHBRIDGE_LOG_FORMAT="xml")
    assert out == {} and "TECHBRIDGE_LOG_FORMAT='xml' must be one of: json, text" in err
    out, _ = probe(tmp_path, TECHBRIDGE_ENV="production", TECHBRIDGE_LOG_FORMAT="text")
    assert out["LOG_FORMAT"] == "text"
