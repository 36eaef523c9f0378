# Two commands set everything up on a fresh machine (see README):
#   make run    create the virtualenv, initialise the SQLite database with the shipped data, print the overview,
#               then serve the web app and the API at http://127.0.0.1:8000/ (Ctrl-C stops it)
#   make test   create the virtualenv and run every check: ruff, mypy, import-linter, pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages beyond Python, installed by setup when missing (scripts/system-packages): wrk drives
# benchmarks/load.py; chromium (/usr/bin/chromium) is the browser the Playwright tests drive, never a browser
# that Playwright downloads.
SYSTEM_PACKAGES := wrk chromium

.PHONY: run test lint setup system-packages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) system-packages

system-packages:
	@scripts/system-packages $(SYSTEM_PACKAGES)

run: $(STAMP)
	$(BIN)/ramstein init
	$(BIN)/ramstein overview
	$(BIN)/ramstein serve

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) ramstein.db
