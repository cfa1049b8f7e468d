"""PostgreSQL restarted under load (the drill of benchmarks/fault_pg_restart.py, lean: about 45 s).

A private PostgreSQL cluster is created in a temporary directory (never the shared server), the platform is
served from it by gunicorn, and three clients keep requesting pages, a search, the API and /health/ while
PostgreSQL is stopped for 3 s and started again. Runs when the suite runs on PostgreSQL and the server
binaries (initdb, pg_ctl) are installed; skipped with the reason otherwise.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

DRILL = Path(__file__).resolve().parents[4] / "benchmarks" / "fault_pg_restart.py"
pytestmark = pytest.mark.slow


def _drill_module():
    if not DRILL.exists():
        pytest.skip(f"{DRILL} is not there (an installed package without the benchmarks)")
    spec = importlib.util.spec_from_file_location("fault_pg_restart", DRILL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _postgres_or_skip(drill) -> None:
    if not (os.environ.get("DATABASE_URL") or "").startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "the PostgreSQL restart drill runs with the PostgreSQL suite (DATABASE_URL=postgres://...)"
        )
    if drill.pg_bin() is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("as root the drill runs PostgreSQL as the postgres user, and runuser is missing")


def test_requests_fail_cleanly_while_postgres_is_down_and_succeed_again_without_a_restart():
    drill = _drill_module()
    _postgres_or_skip(drill)
    result = drill.drill(clients=3, before=2.0, outage=3.0, after=4.0, workers=1, preload=False)
    assert drill.verdict(result, recover_within=5.0) == [], result
    down = result["during_outage"]
    assert down["requests"] >= 20 and down["statuses"] == {"503": down["requests"]}
    assert set(result["during_outage_by_kind"]) == {"api", "health", "page", "search"}
    assert result["after_restart"]["statuses"].get("200", 0) >= 20
