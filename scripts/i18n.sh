#!/usr/bin/env bash
# Refresh the Simplified Chinese catalogue after changing UI strings, then compile it.
#   1. makemessages collects every marked string of the Django apps and templates (core/ and tests are skipped:
#      the core never imports Django) and merges them into locale/zh_Hans/LC_MESSAGES/django.po;
#   2. the messages the core makes (quality checks, shown with {% translate var %}) are appended from the
#      hand-kept locale/zh_Hans/core_messages.po;
#   3. msgfmt --check compiles django.mo, which is committed (installations do not run msgfmt).
# Then translate every empty or "#, fuzzy" entry of django.po and run this script again:
# src/techbridge/web/tests/test_i18n.py fails while any entry is untranslated or fuzzy.
set -euo pipefail
cd "$(dirname "$0")/../src/techbridge"
LOCALE=locale/zh_Hans
PO=$LOCALE/LC_MESSAGES/django.po

# Importing the settings creates the data directory (./var by default): use a throw-away one.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
TECHBRIDGE_DATA_DIR="$scratch" DJANGO_SETTINGS_MODULE=techbridge.web.settings \
  ../../.venv/bin/django-admin makemessages -l zh_Hans --ignore "core/*" --ignore "*/tests/*" --no-obsolete

msgcat --use-first --output-file="$PO" "$PO" "$LOCALE/core_messages.po"
# Prints "N translated messages[, F fuzzy translations][, U untranslated messages]".
msgfmt --check --statistics --output-file="$LOCALE/LC_MESSAGES/django.mo" "$PO"
