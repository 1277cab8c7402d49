# The two quick-start targets (run, test) plus the checks they share. .ci/run calls `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
ELEMENTS ?= 100000

.PHONY: run test install install-test install-bench lint typecheck index serve benchmark clean

run: install index serve  ## install, index documents/ and serve the web UI

test: install-test  ## install everything and run the whole test suite (lint, types, tests on both engines)
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/mypy
	BIN=$(BIN) bash scripts/test-with-cluster.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

index:
	$(BIN)/reportsearch index

serve:
	$(BIN)/reportsearch serve --host $(HOST) --port $(PORT)

lint:
	$(BIN)/ruff check .

typecheck:
	$(BIN)/mypy

install-bench: $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench]'

benchmark: install-bench  ## the speed benchmark at 100k elements (several minutes; ELEMENTS=N to change)
	$(BIN)/python -m benchmarks --elements $(ELEMENTS) --json benchmarks/results/$(ELEMENTS).json

clean:
	rm -rf var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
