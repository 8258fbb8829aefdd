# Two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
QUESTION ?= Can a patient with treatment-resistant depression take oral ketamine and IV ketamine at the same time?

.PHONY: demo test install install-test lint bench clean serve

$(BIN)/medcite:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .

install: $(BIN)/medcite

install-test: install
	$(BIN)/pip install --quiet -e '.[test]'
	@# The browser tests drive Debian's chromium through Playwright (no `playwright install`).
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }

## Build the default index from ../shared/data and answer a sample question.
demo: install
	$(BIN)/medcite ingest
	$(BIN)/medcite stats
	$(BIN)/medcite ask "$(QUESTION)"
	@echo
	@echo "Next: '$(BIN)/medcite ask \"your question\"' (--audience patient, --markdown, --json),"
	@echo "      '$(BIN)/medcite eval pubmedqa ../shared/data/eval/pubmedqa/pqal_dev.json'."
	@echo "Web app (answer pages, articles, review workflow): 'make serve', then open http://127.0.0.1:8000"
	@echo "      (reviewer account: '$(BIN)/medcite user add --role reviewer NAME'; API docs at /docs)."

## Serve the web app on 127.0.0.1:8000 (installs the web extra first).
serve: install
	$(BIN)/pip install --quiet -e '.[web]'
	$(BIN)/medcite serve

## Install test needs, lint, run the test suite.
test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: install-test
	$(BIN)/python bench/run_retrieval_bench.py
	$(BIN)/python bench/run_answer_bench.py
	$(BIN)/python bench/answer_cv.py
	$(BIN)/python bench/stance_cv.py
	$(BIN)/python bench/understand_bench.py
	$(BIN)/python bench/recommendation_coverage.py --index bench/out/index.sqlite
	$(BIN)/medcite eval clinical evals/clinical_dev.jsonl --index bench/out/index.sqlite
	$(BIN)/medcite eval clinical evals/clinical_holdout.jsonl --index bench/out/index.sqlite
	$(BIN)/medcite eval clinical evals/clinical_dev2.jsonl --index bench/out/index.sqlite
	$(BIN)/medcite eval clinical evals/clinical_holdout2.jsonl --index bench/out/index.sqlite
	$(BIN)/medcite eval clinical evals/clinical_dev3.jsonl --index bench/out/index.sqlite
	$(BIN)/medcite eval clinical evals/clinical_holdout3.jsonl --index bench/out/index.sqlite

clean:
	rm -rf $(VENV) build *.egg-info
