# Two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
QUESTION ?= ketamine treatment-resistant depression

.PHONY: demo test install install-test lint bench clean

$(BIN)/medcite:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .

install: $(BIN)/medcite

install-test: install
	$(BIN)/pip install --quiet -e '.[test]'

## Build the default index from ../shared/data and run a sample search.
demo: install
	$(BIN)/medcite ingest
	$(BIN)/medcite stats
	$(BIN)/medcite search "$(QUESTION)" -k 5
	@echo
	@echo "Next: '$(BIN)/medcite search \"your question\"', '$(BIN)/medcite eval retrieval ../shared/data/eval/bioasq'."
	@echo "The web app (answer pages, review workflow) is not part of this release yet."

## Install test needs, lint, run the test suite.
test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: install-test
	$(BIN)/python bench/run_retrieval_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
