"""`techbridge check`: refuse an unsafe production configuration, naming each problem."""

from __future__ import annotations

from django.conf import settings


def production_problems() -> list[str]:
    """Every reason the current settings are not safe to serve the public; empty when they are."""
    problems = []
    if settings.DEBUG:
        problems.append("TECHBRIDGE_DEBUG is on: turn it off in production")
    if settings.ENVIRONMENT != "production":
        problems.append("TECHBRIDGE_ENV is not 'production' (secure cookies and HSTS are off)")
    import os

    if not os.environ.get("TECHBRIDGE_SECRET_KEY"):
        problems.append(
            "TECHBRIDGE_SECRET_KEY is not set: the key generated for the trial installation is in use"
        )
    if not settings.ALLOWED_HOSTS or set(settings.ALLOWED_HOSTS) <= {
        "127.0.0.1",
        "localhost",
        "[::1]",
        "testserver",
    }:
        problems.append("TECHBRIDGE_ALLOWED_HOSTS names no public host")
    if "*" in settings.ALLOWED_HOSTS:
        problems.append("TECHBRIDGE_ALLOWED_HOSTS contains '*'")
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        problems.append("session and CSRF cookies are sent over plain HTTP (set TECHBRIDGE_ENV=production)")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL does not point to PostgreSQL (SQLite is for trials)")
    return problems
