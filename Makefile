# The two commands of the README: `make run` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: run test lint bench clean

$(PY_STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The Node tools for serverless.yml (osls, serverless-offline), pinned by the lockfile.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

run: $(PY_STAMP)
	$(BIN)/python -m infra.local_server

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(PY_STAMP) $(NODE_STAMP) lint
	PATH="$(CURDIR)/$(BIN):$(CURDIR)/node_modules/.bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" \
		$(BIN)/python -m pytest

bench: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules .serverless build .pytest_cache

# The agent console: console/src bundled by esbuild (npm) into console/dist, which
# serve_console serves. Built, not committed: `make run` and `make test` build it from
# the source they run; osls package/deploy build it too (infra/osls_offline.py).
CONSOLE_STAMP := console/dist/index.html
$(CONSOLE_STAMP): $(NODE_STAMP) console/build.mjs $(wildcard console/src/*)
	npm run --silent build:console
run test: $(CONSOLE_STAMP)

# The browser tests (tests/browser) drive Debian's chromium; never a downloaded browser.
.PHONY: chromium
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
test: chromium
