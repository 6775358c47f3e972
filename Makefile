# Every target here is what the README and CI run. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --disable-pip-version-check -q
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help site offline leaflets nginx-conf new review sign-off bench bench-search serve test lint check schemas install install-test system-deps pdf-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site: requirements/site.txt requirements/lock.txt | $(BIN)/python
	$(PIP) -r requirements/site.txt -c requirements/lock.txt
	touch $@

$(VENV)/.test: requirements/test.txt requirements/lock.txt $(VENV)/.site
	$(PIP) -r requirements/test.txt -c requirements/lock.txt
	touch $@

install: $(VENV)/.site ## install what building the site needs (into .venv)

install-test: $(VENV)/.test system-deps ## install what the tests need, Chromium, nginx and Pango included

system-deps: ## Chromium, nginx, Pango and the QR tools the tests use, from Debian when missing (needs root)
	@bash tests/tools/install-system-deps.sh test

pdf-deps: ## Pango and the DejaVu fonts from Debian for the PDF leaflets, when missing (needs root then)
	@bash tests/tools/install-system-deps.sh pdf

site: install ## build the site into site/ (a failed build leaves the last good site as it was)
	$(BIN)/python -m macros.tools.cli build
	@echo "The site is in site/. Serve it with: python3 -m http.server -d site 8000 (or preview while editing: make serve)"

offline: install pdf-deps ## build the offline copy into site-offline/ and site-offline.zip, leaflets included (works from a folder or USB stick)
	$(BIN)/python -m macros.tools.cli build --offline
	@echo "Open site-offline/index.html in a browser, or copy site-offline.zip to the computer that will show it."

leaflets: install pdf-deps ## printable A4 PDF leaflets in leaflets/: one per condition, and a paper symptom diary
	$(BIN)/python -m macros.tools.cli leaflets

nginx-conf: install ## print an nginx server block for the built site/ (ROOT=/var/www/myelopathy-guide LISTEN=80)
	@$(BIN)/python -m macros.tools.cli nginx --root "$(or $(ROOT),$(CURDIR)/site)" --listen "$(or $(LISTEN),80)"

serve: install ## live preview on http://127.0.0.1:8000 that reloads on every change (LANGUAGE=es: the Spanish edition)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 \
		$(if $(filter-out en,$(LANGUAGE)),-f "$$($(BIN)/python -m macros.tools.cli edition-config $(LANGUAGE))")

check: install ## the data linter: everything the build checks, plus content checks (see EDITORS.md)
	$(BIN)/python -m macros.tools.cli lint

new: install ## start a record: make new KIND=symptom ID=foot-drop
	$(BIN)/python -m macros.tools.cli new "$(KIND)" "$(ID)"

review: install ## the clinical reviewer's worklist: build/review/index.html and worklist.csv (see EDITORS.md)
	$(BIN)/python -m macros.tools.cli review

sign-off: install ## record a review: make sign-off ID=conditions/x REVIEWER="Dr A Name" ROLE="Consultant ..." [REGISTRATION=..] [DATE=..] [NEXT=..] [LIST=file] [LANGUAGE=es: its translation]
	$(BIN)/python -m macros.tools.cli sign-off $(ID) $(if $(LIST),--list "$(LIST)") --reviewer "$(REVIEWER)" --role "$(ROLE)" \
		--registration "$(REGISTRATION)" $(if $(DATE),--date "$(DATE)") $(if $(NEXT),--next-review "$(NEXT)") \
		$(if $(LANGUAGE),--language "$(LANGUAGE)")

schemas: install ## regenerate data/schemas/*.schema.json from the models
	$(BIN)/python -m macros.tools.cli schemas

lint: $(VENV)/.test ## ruff
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench

bench-search: install-test ## search against Material's own, in Chromium with the CPU 4x slower: accuracy and latency
	$(BIN)/python -m bench.search

bench: install-test ## scale benchmark, generator vs plain MkDocs (all sizes: about an hour); SIZES=real,1000 REPS=3
	$(PIP) -r requirements/bench.txt -c requirements/lock.txt
	$(BIN)/python -m bench.run --sizes "$(or $(SIZES),real,1000,10000)" --reps "$(or $(REPS),3)"

test: install-test lint ## install what tests need and run every test
	$(BIN)/python -m pytest
