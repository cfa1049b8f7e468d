"""The embedded SQLite database: a transaction that reads before it writes is not refused its write when
another connection commits in between (WAL answers such an upgrade "database is locked" at once)."""

import sqlite3

import pytest
from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.utils import ConnectionHandler


def _platform_options(monkeypatch, path) -> dict:
    from techbridge.web import settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return {**settings._database()["OPTIONS"], "timeout": 0.3}  # a short wait: the test must not hang


def _connections(path, options: dict) -> tuple[DatabaseWrapper, DatabaseWrapper]:
    """Two connections of their own to ``path`` (Django fills in the settings not given)."""
    conf = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}
    handler = ConnectionHandler({"default": conf, "other": conf})
    return handler["default"], handler["other"]


def _read_then_write(path, options: dict) -> bool:
    """Connection A opens a transaction as `atomic()` does and reads; B then writes; A writes and commits.
    Returns whether B's write went through while A's transaction was open."""
    a, b = _connections(path, options)
    try:
        a.ensure_connection()
        a.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)  # as atomic() begins
        a.cursor().execute("SELECT count(*) FROM jobs")
        try:
            b.cursor().execute("UPDATE jobs SET beat = beat + 1")  # a heartbeat from another thread
            between = True
        except OperationalError:
            between = False  # it waits for A's transaction and, here, gives up after 0.3 s
        a.cursor().execute("UPDATE jobs SET done = 1")
        a.commit()
        a.set_autocommit(True)
        return between
    finally:
        a.close()
        b.close()


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A WAL SQLite file of its own, opened by two fresh connections (not the test database)."""
    path = tmp_path / "embedded.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE jobs (beat INTEGER, done INTEGER)")
        db.execute("INSERT INTO jobs VALUES (0, 0)")
    with django_db_blocker.unblock():
        yield path


def test_a_transaction_that_reads_first_keeps_its_write(monkeypatch, database):
    options = _platform_options(monkeypatch, database)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert _read_then_write(database, options) is False  # the other writer waited instead
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT beat, done FROM jobs").fetchone() == (0, 1)


def test_without_immediate_transactions_the_write_is_refused(monkeypatch, database):
    # what the platform did before: the heartbeat's commit makes A's write fail at once
    options = {k: v for k, v in _platform_options(monkeypatch, database).items() if k != "transaction_mode"}
    with pytest.raises(OperationalError, match="locked"):
        _read_then_write(database, options)
