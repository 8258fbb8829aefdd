# Two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
QUESTION ?= Can a patient with treatment-resistant depression take oral ketamine and IV ketamine at the same time?

.PHONY: demo test install install-test lint bench clean

$(BIN)/medcite:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .

install: $(BIN)/medcite

install-test: install
	$(BIN)/pip install --quiet -e '.[test]'

## Build the default index from ../shared/data and answer a sample question.
demo: install
	$(BIN)/medcite ingest
	$(BIN)/medcite stats
	$(BIN)/medcite ask "$(QUESTION)"
	@echo
	@echo "Next: '$(BIN)/medcite ask \"your question\"' (--audience patient, --markdown, --json),"
	@echo "      '$(BIN)/medcite eval pubmedqa ../shared/data/eval/pubmedqa/pqal_dev.json'."
	@echo "The web app (answer pages, review workflow) is not part of this release yet."

## Install test needs, lint, run the test suite.
test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: install-test
	$(BIN)/python bench/run_retrieval_bench.py
	$(BIN)/python bench/run_answer_bench.py
	$(BIN)/python bench/answer_cv.py
	$(BIN)/python bench/stance_cv.py

clean:
	rm -rf $(VENV) build *.egg-info
