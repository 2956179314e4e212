# asn-sentiment: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= demo-output
SHARED ?= ../shared
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

STAFF := surveys/staff_survey_wave1_2026-02.csv surveys/staff_survey_wave2_2026-05.csv surveys/staff_survey_wave3_2026-08.xlsx
PUBLIC := surveys/public_comments.csv
EVENTS := surveys/events.csv

.PHONY: help install install-test demo test lint models docs clean

help:
	@echo "make demo    - create .venv, install, analyse the bundled samples into $(OUT)/"
	@echo "make test    - create .venv, install with test extras, run the whole test suite"
	@echo "make models  - retrain the shipped models from $(SHARED)/data"
	@echo "make docs    - regenerate the CLI reference in README.md"
	@echo "make lint    - ruff"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install when the metadata changes; the stamp records what was installed.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/asn-sentiment analyze $(STAFF) $(PUBLIC) --events $(EVENTS) -o $(OUT) --overwrite
	@echo
	@echo "Open $(OUT)/report.html in a browser; tables are in $(OUT)/results.csv and $(OUT)/summary.csv, charts in $(OUT)/charts/."

test: install-test
	$(BIN)/python -m pytest -n 2 -q

lint: install-test
	$(BIN)/ruff check asn_sentiment tests bench
	$(BIN)/ruff format --check asn_sentiment tests bench

# The shipped sentiment model: SmSA train (domain general) + the domain corpus's training split
# (domain asn, each text weighted SENTIMENT_CORPUS_WEIGHT), EasyAdapt with a copy per domain; recipe and weight chosen by
# cross-validation on those training data only (bench/sentiment_selection.py). Measured on SmSA
# valid (as general) and the corpus's test split (as asn), checked on the independent set (as
# asn, never used for choosing); see models/sentiment/card.md.
SENTIMENT_CORPUS := asn_sentiment/data/corpus/domain_corpus.csv
SENTIMENT_CORPUS_WEIGHT ?= 3
SENTIMENT_ATTRIBUTION := Domain corpus: asn_sentiment/data/corpus/domain_corpus.csv, written for asn-sentiment (synthetic comments, no real people; see its README.md); released with the project under its licence.
models: install
	$(BIN)/asn-sentiment train --task sentiment $(SHARED)/data/smsa/train.tsv $(SENTIMENT_CORPUS) \
		--where split=train --domains general,asn --weights 1,$(SENTIMENT_CORPUS_WEIGHT) \
		--valid $(SHARED)/data/smsa/valid.tsv --valid $(SENTIMENT_CORPUS) \
		--valid-where split=test --valid-domains general,asn \
		--check evaluation/independent_domain.csv \
		--config word-char-lr-adapt-full-nosplit --cv 5 --seed 0 --name sentiment \
		--attribution "$(SENTIMENT_ATTRIBUTION)" -o models/sentiment --overwrite

# The shipped theme model (issue 6): fitted on the domain corpus's train split only (recipe
# chosen by cross-validation on that split: python -m bench.theme_selection), measured on its fixed test split and checked on
# texts written by others (evaluation/independent_domain.csv, the samples' truth labels).
THEMES_CORPUS := asn_sentiment/data/corpus/domain_corpus.csv
THEMES_ATTRIBUTION := Domain corpus: asn_sentiment/data/corpus/domain_corpus.csv, written for asn-sentiment (synthetic comments, no real people; see its README.md); released with the project under its licence.
.PHONY: models-themes
models: models-themes
models-themes: install
	$(BIN)/python surveys/truth_labelled.py build/surveys_truth.csv
	$(BIN)/asn-sentiment train --task themes $(THEMES_CORPUS) --where split=train \
		--valid $(THEMES_CORPUS) --valid-where split=test \
		--check evaluation/independent_domain.csv --check build/surveys_truth.csv \
		--config themes-lr-gate-neg --cv 5 --seed 0 --name themes \
		--attribution "$(THEMES_ATTRIBUTION)" -o models/themes --overwrite

docs: install
	$(BIN)/python -m asn_sentiment.docs README.md

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info .pytest_cache .ruff_cache
