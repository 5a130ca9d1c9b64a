#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or fail loudly.
# Why: Django 6.x needs Python >= 3.12, and this machine's default python3 is 3.11,
# with which pip silently installs Django 5.2 (see docs/deploy.md).
set -euo pipefail
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for v in python3.13 python3.12 python3.14; do
  p=$(command -v "$v" 2>/dev/null || true); [ -n "$p" ] && candidates+=("$p")
done
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])' | sort -rV); do
    candidates+=("$(pyenv root)/versions/$v/bin/python")
  done
fi
for d in "$HOME/.pyenv/versions"/3.1[2-9]*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
p=$(command -v python3 2>/dev/null || true); [ -n "$p" ] && candidates+=("$p")
for c in "${candidates[@]}"; do
  if [ -x "$c" ] || command -v "$c" >/dev/null 2>&1; then
    if ok "$c"; then echo "$c"; exit 0; fi
  fi
done
echo "ERROR: Thân Thiện needs Python 3.12 or newer (Django 6.1), and none was found." >&2
echo "       Install python3.12 or python3.13 (or set PYTHON=/path/to/python) and run again." >&2
exit 1
