# Quiver: `make run` serves the library with a demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export QUIVER_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-fast bench-freshness bench-ingest bench-relevance bench-search bench-search-http eval-tagging venv dev lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements/dev.txt $(VENV)/.base
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@

venv: $(VENV)/.base
dev: $(VENV)/.dev

run: $(VENV)/.base
	PORT=$(PORT) $(BIN)/quiver serve --demo

test: $(VENV)/.dev
	scripts/test

test-fast: $(VENV)/.dev
	$(BIN)/pytest -n 2 -m "not e2e and not corpus"

bench-freshness: $(VENV)/.dev
	$(BIN)/python -m tests.bench.freshness $(BENCH_ARGS)

bench-ingest: $(VENV)/.dev
	$(BIN)/python -m tests.bench.ingest

bench-relevance: $(VENV)/.dev
	$(BIN)/python -m tests.bench.relevance $(BENCH_ARGS)

bench-search: $(VENV)/.dev
	$(BIN)/python -m tests.bench.search $(BENCH_ARGS)
	$(BIN)/python -m tests.bench.search_http $(BENCH_HTTP_ARGS)

bench-search-http: $(VENV)/.dev
	$(BIN)/python -m tests.bench.search_http $(BENCH_HTTP_ARGS)

eval-tagging: $(VENV)/.dev
	$(BIN)/python -m tests.bench.eval_tagging $(EVAL_ARGS)

lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	cd requirements && ../$(BIN)/uv pip compile base.in -o base.txt --python-version 3.11 -q
	cd requirements && ../$(BIN)/uv pip compile dev.in -o dev.txt --python-version 3.11 -q

clean:
	rm -rf $(VENV) .pytest_cache
