#!/usr/bin/env bash
# Idempotent setup: virtualenv with a Python >= 3.12, locked dependencies,
# system fonts for Vietnamese papers, Chromium for browser tests, compiled catalogues.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=$(bash scripts/find-python.sh)

if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3,12) else 1)'; then
  echo "Removing $VENV: it was built with a Python older than 3.12"; rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating $VENV with $PY"
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.lock-installed"
if [ ! -f "$stamp" ] || ! cmp -s requirements.lock "$stamp"; then
  echo "Installing locked dependencies (requirements.lock)"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install -q -r requirements.lock 2>&1 | grep -v -E "^WARNING: Location|is ignored" || true
  "$VENV/bin/python" -c "import django, sys; assert django.VERSION[:2] >= (6, 1), django.VERSION" \
    || { echo "ERROR: dependency installation failed"; exit 1; }
  cp requirements.lock "$stamp"
fi

# System packages: fonts metric-compatible with Times New Roman that cover Vietnamese
# (Tinos from fonts-croscore, Liberation Serif 2.x), Chromium for browser tests,
# poppler-utils to look at rendered papers, wrk for the HTTP benchmarks (make bench).
need=()
fc-list 2>/dev/null | grep -qi 'Tinos' || need+=(fonts-croscore)
fc-list 2>/dev/null | grep -qi 'Liberation Serif' || need+=(fonts-liberation2)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${need[*]}"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "WARNING: please install these Debian packages: ${need[*]}" >&2
  fi
fi

mkdir -p var var/private var/static
if find thanthien -path '*/locale/*/LC_MESSAGES/django.po' | grep -q .; then
  "$VENV/bin/python" manage.py compilemessages -v 0 --ignore "$VENV" >/dev/null
fi
