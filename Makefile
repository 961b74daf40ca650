# Every target sets up .venv itself when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test check-data export worksheets present bench lint messages guide plotly-bundle clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# The lessons in the computer's language (LANG=zh_CN… or ru_RU…), else English; or choose:
# make lab LESSONS=zh (or ru, en). JupyterLab's menus start in the same language (a default in
# this environment's overrides.json; Settings → Language still changes them).
LESSONS ?= $(if $(filter zh%,$(LANG)),zh,$(if $(filter ru%,$(LANG)),ru,en))
LAB_LOCALE = $(if $(filter zh,$(LESSONS)),zh_CN,$(if $(filter ru,$(LESSONS)),ru_RU,en))
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
lab: $(STAMP)
	@mkdir -p $(LAB_SETTINGS)
	@echo '{"@jupyterlab/translation-extension:plugin": {"locale": "$(LAB_LOCALE)"}}' \
		> $(LAB_SETTINGS)/overrides.json
	$(BIN)/jupyter lab notebooks/$(if $(filter en,$(LESSONS)),,$(LESSONS)/)00_start_here.ipynb

# Node tools for the browser tests, from package.json: axe-core (accessibility check) and
# configurable-http-proxy (JupyterHub's proxy, for the hub test); skipped when npm is missing.
AXE := node_modules/axe-core/axe.min.js
CHP := node_modules/.bin/configurable-http-proxy
$(AXE) $(CHP) &: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility (axe-core) and JupyterHub tests will be skipped"; fi

test: $(STAMP) $(AXE) $(CHP)
	$(BIN)/python -m pytest

check-data: $(STAMP)
	$(BIN)/lunarexplainer check-data $(DIR)

export: $(STAMP)
	$(BIN)/lunarexplainer export --out site --lang en,zh,ru

# An A4 PDF worksheet and answer key per lesson (Chromium's print to PDF, offline).
worksheets: $(STAMP)
	$(BIN)/lunarexplainer export --worksheets --out worksheets

present: $(STAMP)
	$(BIN)/lunarexplainer present

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Message catalogs: extract every t()/nt() message from the code and update each language.
LOCALE := src/lunarexplainer/text/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k t -k nt:1,2 -k N_ --no-location --sort-output \
		--project lunarexplainer --omit-header -o $(LOCALE)/lunarexplainer.pot .
	$(BIN)/pybabel update -i $(LOCALE)/lunarexplainer.pot -d $(LOCALE) -D lunarexplainer \
		--no-fuzzy-matching --omit-header

# The teacher guide's answer key and lesson table, and the README's lesson table.
guide: $(STAMP)
	$(BIN)/lunarexplainer guide

# The static site's plotly.js: plotly.py's plotly.js version with only the trace types the
# lessons draw (tools/plotly-bundle/entry.js), and the licences of what it bundles, written to
# src/lunarexplainer/assets/. The lock file pins every package, so a rebuild gives the same file.
plotly-bundle:
	cd tools/plotly-bundle && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) site worksheets test-artifacts
