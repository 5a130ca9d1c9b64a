# Thân Thiện — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= thanthien.config.settings

.PHONY: setup demo test test-fast test-browser lint fmt i18n-check lock bench clean ci serve-demo

setup:  ## create the virtualenv, install locked dependencies, fonts and browser, compile messages
	@bash scripts/setup.sh

demo: setup  ## set up, seed demo data (SQLite) and serve at http://127.0.0.1:$(PORT)
	@bash scripts/demo.sh

test: setup  ## set up and run the whole suite (unit, service, view, API and browser tests)
	$(PY) -m pytest -n 2 -q -m "not browser"
	$(PY) -m pytest -q -m browser -p no:xdist

test-fast: setup
	$(PY) -m pytest -n 2 -q -m "not browser"

test-browser: setup
	$(PY) -m pytest -q -m browser

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

i18n-check: setup
	$(PY) scripts/check_catalogue.py

lock:  ## regenerate requirements.lock from requirements.in
	$(VENV)/bin/pip install -q pip-tools && $(VENV)/bin/pip-compile -q --strip-extras --no-emit-find-links --no-emit-index-url -o requirements.lock requirements.in

bench: setup
	$(PY) bench/run_all.py

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache
