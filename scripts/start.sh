#!/usr/bin/env bash
# Install TechBridge into .venv and start it on the embedded default: a SQLite file in ./var, demo data,
# http://127.0.0.1:8000. Safe to run again: the demo data is loaded idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/techbridge demo "$@"
