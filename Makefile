# The developer loop. `make run` builds the sample corpus; `make test` installs what the tests
# need (Python packages, Debian's Chromium for the browser tests) and runs lint and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install -q -c constraints.txt
# CI names each test as it starts (-v), so that a run stopped from outside ends on the test it was in
PYTEST_FLAGS ?= -q

.PHONY: install run test lint clean

$(BIN)/kg: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/kg
	$(PIP) -e ".[test]"
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	touch $@

install: $(BIN)/kg

run: $(BIN)/kg
	$(BIN)/kg build corpus/ --out exports --date 2022-01-08

lint: $(VENV)/.test-deps
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest $(PYTEST_FLAGS)

clean:
	rm -rf exports/* .pytest_cache .ruff_cache .mypy_cache
