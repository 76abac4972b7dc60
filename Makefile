# Two commands on a fresh machine: `make run` and `make test`.
# Both create .venv (Python 3.11) from requirements.lock, which pins every package with its hash.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint types unit install browser clean lock openapi

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser here.
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# Ingest the bundled sample corpus into ./communique.duckdb, list it, then serve the API and dashboard.
run: $(STAMP)
	$(BIN)/communique ingest src/communique/samples || true
	$(BIN)/communique documents
	$(BIN)/communique serve

# Rewrite the OpenAPI spec kept in the repo (a test fails when it is stale).
openapi: $(STAMP)
	$(BIN)/python -m communique.api.spec

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser
	$(BIN)/python -m pytest -q

test: lint types unit

# Regenerate the lock after editing requirements.in (needs `pip install uv`).
lock:
	uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
