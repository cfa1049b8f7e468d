#!/usr/bin/env bash
# Dependency audit (issue 8): every package installed in .venv, that is the pins of pyproject.toml and everything
# they pull in, checked against the OSV vulnerability database with pip-audit (installed by scripts/test.sh).
# Fails on any known vulnerability and on any package it could not check (--strict). .ci/run runs it.
#
# Where the database cannot be reached (this development machine reaches PyPI's packages but neither OSV nor
# PyPI's per-version advisories), it says so in capitals and exits 0, or 1 with TECHBRIDGE_AUDIT_REQUIRED=1:
# an audit that did not run must never look like one that found nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
URL="${TECHBRIDGE_AUDIT_PROBE_URL:-https://api.osv.dev/v1/query}"

if ! reason=$(.venv/bin/python - "$URL" <<'PY' 2>&1
import json, sys, urllib.request
query = json.dumps({"package": {"name": "django", "ecosystem": "PyPI"}, "version": "5.2.19"}).encode()
request = urllib.request.Request(sys.argv[1], data=query, headers={"Content-Type": "application/json"})
try:
    with urllib.request.urlopen(request, timeout=15) as answer:
        json.load(answer)
except Exception as exc:  # any failure means: no audit possible
    print(f"{type(exc).__name__}: {exc}")
    sys.exit(1)
PY
); then
  echo "== DEPENDENCY AUDIT NOT RUN: the vulnerability database at $URL cannot be reached ($reason)" >&2
  [ "${TECHBRIDGE_AUDIT_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
fi
echo "== dependency audit (pip-audit, OSV)"
.venv/bin/pip-audit --strict --skip-editable --vulnerability-service osv --progress-spinner off
