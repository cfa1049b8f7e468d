import pytest
from django.core.exceptions import ImproperlyConfigured

from techbridge.web.env import env_bool, env_choice, env_int, env_list


def test_booleans_accept_the_usual_spellings(monkeypatch):
    for raw, expected in [
        ("1", True),
        ("yes", True),
        ("ON", True),
        ("0", False),
        ("false", False),
        ("", False),
    ]:
        monkeypatch.setenv("TB_FLAG", raw)
        assert env_bool("TB_FLAG", default=True) is expected


def test_a_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="TECHBRIDGE_DEBUG='maybe' is not a boolean"):
        env_bool("TECHBRIDGE_DEBUG", False)


def test_integers_are_checked_against_their_bounds(monkeypatch):
    monkeypatch.setenv("TB_N", "12x")
    with pytest.raises(ImproperlyConfigured, match="TB_N='12x' is not an integer"):
        env_int("TB_N", 1)
    monkeypatch.setenv("TB_N", "10")
    with pytest.raises(ImproperlyConfigured, match="TB_N=10 is below the minimum 300"):
        env_int("TB_N", 1, minimum=300)
    monkeypatch.delenv("TB_N")
    assert env_int("TB_N", 7) == 7


def test_lists_and_choices(monkeypatch):
    monkeypatch.setenv("TB_HOSTS", " a.example , b.example,, ")
    assert env_list("TB_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("TECHBRIDGE_ENV", "staging")
    with pytest.raises(ImproperlyConfigured, match="must be one of: embedded, production"):
        env_choice("TECHBRIDGE_ENV", "embedded", ("embedded", "production"))


def test_settings_refuse_a_bad_database_url_and_a_short_secret(monkeypatch, tmp_path):
    import subprocess
    import sys

    def start(**env):
        code = "import techbridge.web.settings"
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PATH": "", "TECHBRIDGE_DATA_DIR": str(tmp_path), **env},
        )

    bad_url = start(DATABASE_URL="mysql://root@localhost/x")
    assert bad_url.returncode != 0 and "DATABASE_URL must point to SQLite or PostgreSQL" in bad_url.stderr
    short = start(TECHBRIDGE_SECRET_KEY="short")
    assert short.returncode != 0 and "TECHBRIDGE_SECRET_KEY must be at least 32 characters" in short.stderr
    assert start().returncode == 0
