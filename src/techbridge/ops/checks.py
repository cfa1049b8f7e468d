"""`techbridge check`: refuse an unsafe production configuration, naming each problem."""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


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


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations the database still lacks ("marketplace.0006_..."), in the order they would run.

    Raises DatabaseError when the database does not answer."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan if not backwards]


def database_problems(alias: str = DEFAULT_DB_ALIAS) -> tuple[list[str], list[str]]:
    """(problems, warnings) of the database: unapplied migrations are a problem (pages that need the new
    tables or indexes would fail); a database that does not answer is only a warning, as the platform
    starts without it and answers 503 until it is back."""
    try:
        pending = unapplied_migrations(alias)
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [], [f"the database did not answer, so unapplied migrations were not looked for ({reason})"]
    if not pending:
        return [], []
    shown = ", ".join(pending[:5]) + (f" and {len(pending) - 5} more" if len(pending) > 5 else "")
    return [f"the database lacks {len(pending)} migration(s) ({shown}): run `techbridge migrate`"], []
