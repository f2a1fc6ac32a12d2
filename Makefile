# One entry point. `make serve` and `make test` install what is missing first, and are quick when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# When port 8000 is taken: make serve SERVE_ADDRESS=127.0.0.1:8001
SERVE_ADDRESS ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint audit bench browser build update-outputs lock clean

serve: $(VENV)/.installed node_modules/.installed  ## serve the site with live reload on http://127.0.0.1:8000
	SITE_URL=http://$(SERVE_ADDRESS)/ $(BIN)/mkdocs serve --livereload -a $(SERVE_ADDRESS)

# Two passes, so that browsers do not load the machine while snippets' timings are measured under CPython.
BROWSER_TESTS := tests/runner tests/quality tests/generators
test: $(VENV)/.installed node_modules/.installed browser  ## run every test
	$(BIN)/ruff check . && npx --no-install eslint .; lint=$$?; \
	node --test tests/js/; js=$$?; \
	$(BIN)/pytest -n 4 $(addprefix --ignore=,$(BROWSER_TESTS)); cpython=$$?; \
	$(BIN)/pytest -n 2 $(BROWSER_TESTS); browser=$$?; \
	exit $$(( lint || js || cpython || browser ))

lint: $(VENV)/.installed node_modules/.installed  ## ruff over the Python, ESLint over the JavaScript (both run by make test)
	$(BIN)/ruff check . && npx --no-install eslint .

audit: $(VENV)/.installed node_modules/.installed browser  ## Lighthouse: each page against itself without the runner and a plain page (PAGES="tasks/ 404.html", ROUNDS=3)
	$(BIN)/python -m tests.quality.lighthouse --rounds $(or $(ROUNDS),1) $(PAGES)

bench: $(VENV)/.installed node_modules/.installed browser  ## measure the in-browser runner (ROUNDS=5)
	$(BIN)/python -m bench.runner_bench --rounds $(or $(ROUNDS),5)

# The browser tests use a system Chromium (CHROMIUM_PATH, or chromium on PATH), else Playwright's own download.
browser: $(VENV)/.installed
	@if [ -n "$$CHROMIUM_PATH" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null; then :; else $(BIN)/playwright install chromium; fi

build: $(VENV)/.installed node_modules/.installed  ## build the site into site/
	$(BIN)/mkdocs build --strict

update-outputs: $(VENV)/.installed  ## re-record snippet outputs from every CPython 3.11+ found (or: SNIPPETS="a.py b.py")
	$(BIN)/python -m live_snippets.record $(SNIPPETS)

lock: $(VENV)/.installed  ## re-resolve requirements.txt from pyproject.toml
	$(BIN)/python -m pip install -q pip-tools==7.6.2
	$(BIN)/pip-compile -q --extra test --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml

clean:
	rm -rf site build $(VENV) node_modules

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@
