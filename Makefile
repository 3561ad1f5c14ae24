# Two entry points: `make run` (the main job on bundled data) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: run serve test lint bench clean

$(VENV)/.run: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

$(VENV)/.test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.run

run: $(VENV)/.run
	$(VENV)/bin/ceasefire ledger init --if-empty
	$(VENV)/bin/ceasefire assess

serve: $(VENV)/.run
	$(VENV)/bin/ceasefire serve

# The ledger tests run on PostgreSQL too: .ci/services.sh installs and starts it (and Chromium, poppler-utils).
export CEASEFIRE_TEST_PG_URL ?= postgresql+psycopg://ceasefire:ceasefire@127.0.0.1:5432/ceasefire_test

test: $(VENV)/.test
	bash .ci/services.sh
	$(VENV)/bin/ruff check src tests benchmarks
	$(PY) -m pytest -n 2 --dist loadgroup --doctest-modules src tests

lint: $(VENV)/.test
	$(VENV)/bin/ruff check src tests benchmarks

bench: $(VENV)/.test
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
