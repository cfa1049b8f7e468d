#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's Chromium and a CJK font for the browser tests,
# poppler's pdftotext to read generated PDFs)
# and run the whole suite: lint (ruff), types (mypy on the core), tests (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages: ${need_apt[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing Debian packages (${need_apt[*]}): browser tests will be skipped. Install them with sudo apt-get install." >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# test: the test tools; rerank: the optional embedding re-ranker, whose loading path is tested
.venv/bin/python -m pip install --quiet -e ".[test,rerank]"

echo "== ruff"
.venv/bin/ruff check src benchmarks
.venv/bin/ruff format --check src benchmarks
echo "== mypy (core)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
