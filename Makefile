# ANTQ: `make run` sets everything up on the embedded default and serves http://127.0.0.1:8000;
# `make test` runs lint, type check and the whole suite (PostgreSQL when DATABASE_URL points at one).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup venv assets migrate seed test lint typecheck pytest bench messages clean browser-deps

$(BIN)/activate: requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ANTQ needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $(BIN)/activate

venv: $(BIN)/activate

# Front-end packages come from the npm registry at install time (package-lock.json pins them),
# then are copied into antq/static/vendor/ (not in git). axe-core stays in node_modules/: only
# tests/test_accessibility.py reads it, so it is never served.
antq/static/vendor/.stamp: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install front-end packages (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	mkdir -p antq/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js antq/static/vendor/htmx.min.js
	mkdir -p antq/static/vendor/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images antq/static/vendor/leaflet/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map antq/static/vendor/
	touch $@

assets: antq/static/vendor/.stamp

setup: venv assets
	$(PY) manage.py migrate --no-input
	$(PY) manage.py units_load
	$(PY) manage.py demo_seed

run: setup
	@echo "ANTQ: http://$(HOST):$(PORT)/  (demo accounts: see README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: venv
	$(BIN)/mypy antq config

pytest: venv assets
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -q

test: lint typecheck pytest

# The results-and-reporting part needs PostgreSQL (BENCH_PG_URL), Redis (BENCH_REDIS_URL, default
# redis://127.0.0.1:6379/13, emptied by the bench), gunicorn and redis-py (requirements/bench.txt)
# and wrk from Debian as the load generator. BENCH_ARGS passes options, e.g. --only reporting.
bench: venv assets
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	$(BIN)/pip install --quiet -r requirements/bench.txt
	$(PY) bench/run.py $(BENCH_ARGS)

messages: venv
	$(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) node_modules antq/static/vendor staticfiles
