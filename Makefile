# Two commands on a fresh machine: `make run` and `make test`. Everything else installs itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(DEV_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/tuinews $(ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

# The suite runs on every core (pytest-xdist). `worksteal`: a worker that runs out of tests
# takes half of another's queue, so the cores end together (with `loadfile` one slow file
# kept a core busy after the other had finished). A module's tests may run on both workers:
# each builds the module's fixtures for itself, nothing is shared across processes.
# PYTEST_WORKERS=0: serial.
# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set (as in many containers):
# otherwise every worker rewrites every test module again, and each of the suite's
# `python -m tuinews` processes compiles the package from source (BENCHMARKS.md).
PYTEST_WORKERS ?= auto
pytest: $(DEV_STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

test: lint typecheck pytest

bench: $(DEV_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
