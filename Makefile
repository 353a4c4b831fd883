# The two commands of the README: `make run` and `make test`. Each installs what it needs.
# Python packages come from uv.lock (`uv lock` after editing pyproject.toml's dependencies):
# `uv sync --locked` installs exactly what was tested and stops with "The lockfile at
# `uv.lock` needs to be updated" when pyproject.toml changed without it.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# uv reads neither pip.conf nor PIP_* variables: it uses its default index. It never
# downloads an interpreter: the venv uses one this machine has (infra/pythons.py).
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint bench clean lock

# uv itself, pinned, in a small venv of its own (pip is the one installer every Python has).
$(UV):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'

# The Lambda runtime's Python (3.12) when present, else the newest 3.11+ (infra/pythons.py).
$(PY_STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev --python "$$($(PYTHON) infra/pythons.py)"
	touch $@

lock: | $(UV)
	$(UV) lock

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
	rm -rf $(VENV) $(TOOLS) node_modules .serverless build .pytest_cache
