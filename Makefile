# Közkincs. `make run` serves the portal, `make test` runs every test. See README.md.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTHON ?= $(shell scripts/find-python)
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres lint bench bench-network bench-roundtable messages clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { scripts/find-python; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

messages: $(VENV)/.installed
	@scripts/ensure-system-packages gettext
	@cd src/kozkincs && ../../$(BIN)/kozkincs compilemessages --verbosity 0

run: $(VENV)/.installed messages
	PORT=$(PORT) $(BIN)/kozkincs prepare_portal
	@echo "Serving Közkincs at http://127.0.0.1:$(PORT)/ (Ctrl+C stops)"
	@# The background-task worker (mail, network figures, imports) runs beside the web server
	@# and stops with it.
	$(BIN)/kozkincs db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BIN)/granian --interface wsgi --host 127.0.0.1 --port $(PORT) \
		--workers 2 --blocking-threads 2 kozkincs.config.wsgi:application

test: $(VENV)/.installed-dev messages
	@scripts/ensure-system-packages chromium
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "=== Tests on SQLite ==="
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres:
	@if $(BIN)/python scripts/pg-reachable "$(PG_TEST_URL)"; then \
		echo "=== Tests on PostgreSQL ($(PG_TEST_URL)) ==="; \
		DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) is unreachable: CI requires it." >&2; exit 1; \
	else \
		echo "*** SKIPPED: the PostgreSQL run (no server at $(PG_TEST_URL)). Set PG_TEST_URL to run it. ***"; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

# After the records, the roundtable's benchmark (issue 9); BENCH_ROUNDTABLE=0 leaves it out.
BENCH_ROUNDTABLE ?= 1

bench: $(VENV)/.installed-dev messages
	@scripts/ensure-system-packages wrk
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)
	@if [ "$(BENCH_ROUNDTABLE)" != "0" ]; then \
		$(MAKE) --no-print-directory bench-roundtable; fi

# The network benchmark (issue 9): a generated network in a SQLite database of its own;
# BENCH_NETWORK_ARGS="--actors 10000 --ties 50000" for the issue's scale.
bench-network: $(VENV)/.installed-dev messages
	mkdir -p var/bench-network
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench-network/bench.sqlite3 \
		$(BIN)/python -m benchmarks.network $(BENCH_NETWORK_ARGS)

# The roundtable benchmark (issue 9): network, partner finder, dashboard, meetings and ideas
# on one generated dataset (10,000 actors, 50,000 ties, 2,000 ideas, 500 meetings by default)
# in a database of its own: var/bench-roundtable/ or BENCH_ROUNDTABLE_DATABASE_URL.
bench-roundtable: $(VENV)/.installed-dev messages
	$(BIN)/python -m benchmarks.roundtable $(BENCH_ROUNDTABLE_ARGS)

clean:
	rm -rf $(VENV) var
