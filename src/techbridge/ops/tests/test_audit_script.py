"""scripts/audit.sh (CI's dependency audit) never lets an audit that did not run look like a clean one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[4] / "scripts" / "audit.sh"
CLOSED = "http://127.0.0.1:9/v1/query"  # the discard port: nothing listens there


def _run(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT)], env={**os.environ, **env}, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.skipif(not SCRIPT.exists(), reason="runs from a checkout (scripts/ beside src/)")
def test_an_unreachable_vulnerability_database_is_reported_loudly_not_as_a_pass():
    done = _run(TECHBRIDGE_AUDIT_PROBE_URL=CLOSED)
    assert done.returncode == 0
    assert "DEPENDENCY AUDIT NOT RUN" in done.stderr and CLOSED in done.stderr
    assert "No known vulnerabilities" not in done.stdout + done.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="runs from a checkout (scripts/ beside src/)")
def test_where_the_audit_is_required_not_running_it_fails():
    done = _run(TECHBRIDGE_AUDIT_PROBE_URL=CLOSED, TECHBRIDGE_AUDIT_REQUIRED="1")
    assert done.returncode == 1 and "DEPENDENCY AUDIT NOT RUN" in done.stderr
