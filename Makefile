# The two commands of the quick start: `make demo` and `make test`.
# Everything installs into .venv from the pinned pyproject.toml; nothing is done by hand.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
EVAL_OUT ?= demo/eval.jsonl

.PHONY: demo test eval bench lint clean postgres fuzz

# pip's notes about index folders this machine does not have are noise, not news.
QUIET := 2>&1 | { grep -v -e 'is ignored: it is neither' -e 'BuildBackendWarning' || true; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip $(QUIET)

# Installed once per change of pyproject.toml.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e . $(QUIET)
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test,postgres,parquet]' $(QUIET)
	touch $@

demo: $(VENV)/.installed
	@mkdir -p demo
	$(BIN)/redline extract samples -o demo/out.jsonl --summary

# PostgreSQL from Debian's packages, for the knowledge-base tests (started by a pytest fixture).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| echo "warning: could not install postgresql; its tests will be skipped"; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(VENV)/.installed-test postgres lint
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	@mkdir -p demo
	$(BIN)/redline extract $(SHARED)/eval/dev/texts -o $(EVAL_OUT)
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev $(EVAL_OUT)

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py --shared $(SHARED)

clean:
	rm -rf $(VENV) demo/*.jsonl .pytest_cache .mypy_cache .ruff_cache

# The property-based (Hypothesis) tests with 100x the cases `make test` runs, drawn at random each time.
fuzz: $(VENV)/.installed-test
	REDLINE_FUZZ=1 $(BIN)/python -m pytest -q -m fuzz --hypothesis-show-statistics
