#!/usr/bin/env bash
# Serve the demo: SQLite, demo data for the pilot communes, a task worker beside the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
export SMS_BACKEND=${SMS_BACKEND:-console}
PORT=${PORT:-8000}
$PY manage.py migrate --noinput -v 0
$PY manage.py demo_seed
$PY manage.py demo_activity
$PY manage.py db_worker --queue-name '*' --no-reload >var/worker.log 2>&1 &
WORKER=$!
# Periodic checks (deadline warnings...) every 10 minutes; `sweep` is safe to run twice.
( while sleep 600; do $PY manage.py sweep >>var/sweep.log 2>&1 || true; done ) &
SWEEP=$!
trap 'kill $WORKER $SWEEP 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_logins
echo
echo "Thân Thiện demo: http://127.0.0.1:${PORT}/  (staff: /staff/, public site: /xa/)"
echo "Task worker log: var/worker.log — stop with Ctrl+C"
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload
