import argparse

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.recorder import MigrationRecorder

from techbridge.commands.ops import cmd_check
from techbridge.ops.checks import database_problems, production_problems, unapplied_migrations


def test_the_trial_configuration_is_refused_for_production(settings, monkeypatch):
    monkeypatch.delenv("TECHBRIDGE_SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings.DEBUG = True
    problems = " | ".join(production_problems())
    expected = [
        "TECHBRIDGE_DEBUG is on",
        "TECHBRIDGE_ENV is not 'production'",
        "TECHBRIDGE_SECRET_KEY is not set",
        "names no public host",
        "plain HTTP",
        "does not point to PostgreSQL",
    ]
    for text in expected:
        assert text in problems


def _safe_production(settings, monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_SECRET_KEY", "k" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://techbridge@db.example.org/techbridge")
    settings.DEBUG = False
    settings.ENVIRONMENT = "production"
    settings.ALLOWED_HOSTS = ["techbridge.example.org"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


def test_a_safe_production_configuration_passes(settings, monkeypatch):
    _safe_production(settings, monkeypatch)
    assert production_problems() == []


def test_a_wildcard_host_is_refused(settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert "TECHBRIDGE_ALLOWED_HOSTS contains '*'" in production_problems()


@pytest.mark.django_db
def test_a_migrated_database_passes():
    assert unapplied_migrations() == []
    assert database_problems() == ([], [])


@pytest.mark.django_db
def test_a_database_that_lacks_a_migration_is_refused(capsys, settings, monkeypatch):
    # the record of the last marketplace migration is removed (rolled back with the test's transaction)
    MigrationRecorder(connection).migration_qs.filter(
        app="marketplace", name="0006_profile_short_word_index"
    ).delete()
    assert unapplied_migrations() == ["marketplace.0006_profile_short_word_index"]
    problems, warnings = database_problems()
    assert problems == [
        "the database lacks 1 migration(s) (marketplace.0006_profile_short_word_index): run `techbridge migrate`"
    ]
    assert warnings == []
    # the command names it and exits 1, even with an otherwise safe configuration
    _safe_production(settings, monkeypatch)
    assert cmd_check(argparse.Namespace()) == 1
    out = capsys.readouterr().out
    assert "unsafe: the database lacks 1 migration(s) (marketplace.0006_profile_short_word_index)" in out
    assert "safe for production" not in out


@pytest.mark.django_db
def test_many_missing_migrations_are_counted_and_the_first_five_named():
    MigrationRecorder(connection).migration_qs.filter(app="marketplace").delete()
    pending = unapplied_migrations()
    assert pending[:2] == ["marketplace.0001_initial", "marketplace.0002_profile_list_indexes"]
    (problem,), _ = database_problems()
    assert problem.startswith(f"the database lacks {len(pending)} migration(s) (marketplace.0001_initial, ")
    assert f"and {len(pending) - 5} more): run `techbridge migrate`" in problem


def test_a_database_that_does_not_answer_is_a_warning_not_a_problem(tmp_path, django_db_blocker):
    # a real connection to an SQLite file in a folder that does not exist: the driver cannot open it
    connections.settings["unreachable"] = {
        **connections.settings[DEFAULT_DB_ALIAS],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "missing-folder" / "db.sqlite3"),
        "OPTIONS": {},
    }
    try:
        with django_db_blocker.unblock():
            problems, warnings = database_problems("unreachable")
    finally:
        connections["unreachable"].close()
        del connections["unreachable"]
        del connections.settings["unreachable"]
    assert problems == []
    assert warnings == [
        "the database did not answer, so unapplied migrations were not looked for (unable to open database file)"
    ]
