# mgscan developer entry points. On a fresh machine `make demo` and `make test` do all setup.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
DEMO_BUNDLE ?= sample_bundles/modelmesh-serverless.tar.gz
SAMPLES ?= ../shared/samples
DIST_PYTHON ?=
DIST_EXTRAS ?=

.PHONY: all demo test test-fast lint fmt bench fuzz snapshots docs browser samples dist clean

all: test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml constraints.txt
	$(PIP) install -q -c constraints.txt -e '.[test,ray]'
	$(PY) -m compileall -q analyzer  # bytecode as a real install has (PYTHONDONTWRITEBYTECODE=1 writes none)
	touch $(STAMP)

install: $(STAMP)

## demo: install, analyze a bundled sample, write the report to ./mgscan-report
demo: $(STAMP)
	$(VENV)/bin/mgscan analyze $(DEMO_BUNDLE) -o mgscan-report --format html,json,md,sarif,junit || test $$? -le 2
	@echo "report: $(CURDIR)/mgscan-report/report.html"

## browser: Debian chromium for the HTML report test (no browser download at run time)
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || echo "chromium unavailable: browser tests will be skipped"

## test: install everything and run the whole suite plus lint
test: $(STAMP) browser
	$(PY) -m pytest -q -p no:cacheprovider
	$(MAKE) lint

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow and not browser"

lint: $(STAMP)
	$(VENV)/bin/ruff check analyzer tests scripts
	$(VENV)/bin/mypy

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix analyzer tests scripts
	$(VENV)/bin/ruff format analyzer tests scripts

## snapshots: the only way to update syrupy snapshots; review the diff
snapshots: $(STAMP)
	$(PY) -m pytest -q --snapshot-update

## docs: regenerate docs/rules.md from rule metadata
docs: $(STAMP)
	$(PY) -m analyzer.rules.docs > docs/rules.md
	$(PY) -m analyzer.rules.parity > docs/parity.md

## samples: rebuild sample_bundles/*.tar.gz from their generator
samples: $(STAMP)
	$(PY) sample_bundles/build.py

## bench: the scale table (aws x1/x3/x10/x30: ingest vs gzip -dc, CPU, process-tree memory, analyze --db)
bench: $(STAMP)
	$(PY) scripts/bench.py --samples $(SAMPLES)
	$(PY) scripts/bench_explore.py --samples $(SAMPLES)

## fuzz: a longer atheris run over the reader and parser
fuzz: $(STAMP)
	$(PIP) install -q -c constraints.txt atheris
	$(PY) tests/fuzz/fuzz_reader.py -max_total_time=600

## dist: air-gapped wheelhouse dist/mgscan-<version>-wheelhouse-<python>-<platform>.tar.gz
##       (needs the package registry; DIST_PYTHON=3.12 for the UBI container, DIST_EXTRAS=mcp)
dist: $(VENV)/bin/python
	$(PY) scripts/wheelhouse.py --out dist $(if $(DIST_PYTHON),--python $(DIST_PYTHON)) $(if $(DIST_EXTRAS),--extras $(DIST_EXTRAS))

clean:
	rm -rf $(VENV) dist mgscan-report bench-out .pytest_cache .mypy_cache .ruff_cache
