# The two commands of the README: `make run` and `make test`. Each installs what it needs.
# Python packages come from requirements/dev.lock (`make lock` after editing pyproject.toml's
# dependencies; infra/lock.py says why not uv.lock): `uv pip sync` installs exactly what was
# tested, and a lock older than pyproject.toml stops make with "run `make lock`".
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
# TLS roots from the system store, as pip and curl use: where a proxy re-signs TLS with its
# own CA, that CA is in the system store, not in uv's bundled roots.
export UV_SYSTEM_CERTS := true
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint bench clean lock package deploy openapi agent agent-lock

# The voice agent (voice_agent/, docs/voice-agent.md) has a venv and a lock of its own:
# livekit-agents and its plugins are ~430 MB, never the Lambda layer's.
AGENT_VENV := .venv-agent
AGENT_STAMP := $(AGENT_VENV)/.installed
AGENT_LOCK := voice_agent/requirements.lock
OPENAPI_CLIENT := cd clients && ../$(AGENT_VENV)/bin/openapi-python-client generate \
	--path ../docs/openapi.json --config openapi-python-client.yml --meta setup --overwrite

# uv itself, pinned, in a folder of its own. pip --target skips making a venv (3 s of the
# 20 s budget for a fresh clone); a Python without pip gets a venv, which brings its own.
$(UV):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
		--target $(TOOLS) 'uv==$(UV_VERSION)' || { $(PYTHON) -m venv --clear $(TOOLS) && \
		$(TOOLS)/bin/pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'; }

# The Lambda runtime's Python (3.12) when present, else the newest 3.11+ (infra/pythons.py).
$(PY_STAMP): pyproject.toml requirements/dev.lock | $(UV)
	$(PYTHON) infra/lock.py check
	$(UV) venv --quiet --allow-existing --python "$$($(PYTHON) infra/pythons.py)" $(VENV)
	$(UV) pip sync --quiet --python $(BIN)/python requirements/dev.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

lock: | $(UV)
	$(PYTHON) infra/lock.py write $(UV)

# The Node tools (osls, serverless-offline, the test tools) and what the pages are built
# from, pinned by the lockfile.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@ $(PAGES_NODE_STAMP)

# What the pages are built from alone (package.json's "dependencies"): `make run` needs no
# more, and skipping the deploy and test tools saves 10 s of a fresh clone's start.
# `make test` builds the pages beside its installs: they wait for its whole npm ci then
# (PAGES_AFTER), as two npm ci at once in one folder would break it.
PAGES_NODE_STAMP := node_modules/.pages-installed
$(PAGES_NODE_STAMP): package.json package-lock.json | $(PAGES_AFTER)
	if [ $(NODE_STAMP) -nt package-lock.json ]; then :; else npm ci --omit=dev --no-audit --no-fund; fi
	touch $@

# The Python and Node installs side by side (-j2): each mostly waits on the network.
run:
	@$(MAKE) --no-print-directory -j2 --output-sync=target $(PY_STAMP) $(CONSOLE_STAMP) $(DOCS_STAMP)
	$(BIN)/python -m infra.local_server

# docs/openapi.json, the whole API's document, rewritten from the function apps, and the
# typed client generated from it (clients/python); a test fails while either is stale.
openapi: $(PY_STAMP) $(AGENT_STAMP)
	$(BIN)/python -m infra.openapi_doc write
	$(OPENAPI_CLIENT)

$(AGENT_STAMP): $(AGENT_LOCK) clients/python/pyproject.toml | $(UV)
	$(UV) venv --quiet --allow-existing --python "$$($(PYTHON) infra/pythons.py)" $(AGENT_VENV)
	$(UV) pip sync --quiet --python $(AGENT_VENV)/bin/python $(AGENT_LOCK)
	$(UV) pip install --quiet --python $(AGENT_VENV)/bin/python --no-deps -e clients/python
	touch $@

# Re-pin the agent's dependencies after editing voice_agent/requirements.in.
agent-lock: | $(UV)
	$(UV) pip compile voice_agent/requirements.in --universal --generate-hashes \
		--python-version 3.11 --quiet --no-header -o $(AGENT_LOCK)

# The voice agent against LIVEKIT_URL (LIVEKIT_API_KEY/SECRET, WARM_TRANSFER_API_URL,
# WARM_TRANSFER_TOKEN, GROQ_API_KEY: docs/voice-agent.md), reloading on edits.
agent: $(AGENT_STAMP)
	$(AGENT_VENV)/bin/python -m voice_agent.worker dev

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite on TEST_WORKERS pytest-xdist workers (tests/support/xdist_units.py says which
# tests share one): its tests mostly wait on servers, timers and subprocesses, so more
# workers than cores keep both cores busy. Beside it, the voice agent's tests in their own
# venv (tests/voice_agent/pytest.ini says why), their output printed after the suite's.
#
# The tests' bytecode is written, whatever PYTHONDONTWRITEBYTECODE says, to a tree of its
# own (build/pycache): the suite starts ~60 Python processes (workers, moto, servers,
# handlers), and without .pyc files each compiles every module it imports again, and
# pytest rewrites every test module's asserts in each worker (6 s of CPU apiece). Not
# beside the sources: functions/__pycache__ holds the package's checked-hash bytecode
# (infra/function_bytecode.py), which a test process must not replace with its own.
TEST_BYTECODE := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX="$(CURDIR)/build/pycache"
TEST_WORKERS ?= 4
AGENT_TEST_LOG := build/voice-agent-tests.log
# Before the suite: the installs, lint and the pages side by side (-j3), and beside them
# the tests' bytecode written once, by one collection of the suite (redone after the venv
# changes): the workers start together and would each compile the same modules at once
# (12 s on a fresh clone).
TEST_PYC_STAMP := build/pycache/.collected
$(TEST_PYC_STAMP): $(PY_STAMP)
	@mkdir -p build/pycache
	$(TEST_BYTECODE) $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider \
		>build/collect.log 2>&1 || { cat build/collect.log; exit 1; }
	touch $@
.PHONY: test-installs
test-installs:
	@$(MAKE) --no-print-directory -j3 --output-sync=target PAGES_AFTER=$(NODE_STAMP) \
		$(PY_STAMP) $(NODE_STAMP) $(AGENT_STAMP) $(TEST_PYC_STAMP) lint $(CONSOLE_STAMP) $(DOCS_STAMP)
# (lint runs in test-installs: a phony prerequisite here would run it a second time)
test: test-installs $(PY_STAMP) $(NODE_STAMP) $(AGENT_STAMP)
	@mkdir -p build
	$(TEST_BYTECODE) $(AGENT_VENV)/bin/python -m pytest -c tests/voice_agent/pytest.ini tests/voice_agent \
		>$(AGENT_TEST_LOG) 2>&1 & agent=$$!; \
	PATH="$(CURDIR)/$(BIN):$(CURDIR)/node_modules/.bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" \
		$(TEST_BYTECODE) $(BIN)/python -m pytest -n $(TEST_WORKERS); suite=$$?; \
	wait $$agent; voice=$$?; echo "tests/voice_agent:"; cat $(AGENT_TEST_LOG); \
	test $$suite -eq 0 && test $$voice -eq 0

# The deployable artifacts without an AWS account: the dependency layer (build/layer.zip),
# the functions' bytecode, and `osls package` of the offline stage into .serverless/
# (its AWS lookups answered by a local moto server), then cfn-lint on the template.
package: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/python -m infra.layer.build_layer
	AUTH_JWT_SECRET="$${AUTH_JWT_SECRET:-package-only-not-a-secret}" \
	CURSOR_SECRET="$${CURSOR_SECRET:-package-only-not-a-secret}" \
		$(BIN)/python -m infra.osls_offline package --stage offline
	$(BIN)/cfn-lint --ignore-checks W3005 -- .serverless/cloudformation-template-update-stack.json

# The same artifacts, deployed to STAGE with this shell's AWS credentials. Secrets come
# from SSM (infra/secrets.yml); prod needs WARM_TRANSFER_CORS_ORIGIN; ALARM_TOPIC_ARN
# names the SNS topic the alarms notify.
deploy: $(PY_STAMP) $(NODE_STAMP)
	@test -n "$(STAGE)" || { echo "make deploy needs STAGE=<stage>, e.g. STAGE=prod"; exit 2; }
	@test "$(STAGE)" != offline || { echo "the offline stage is for make package"; exit 2; }
	@test "$(STAGE)" != prod || test -n "$$WARM_TRANSFER_CORS_ORIGIN" || \
		{ echo "prod needs WARM_TRANSFER_CORS_ORIGIN (the console's origin)"; exit 2; }
	$(BIN)/python -m infra.layer.build_layer
	$(BIN)/python -m infra.function_bytecode
	node_modules/.bin/osls deploy --stage "$(STAGE)" \
		$(if $(ALARM_TOPIC_ARN),--param "alarmTopicArn=$(ALARM_TOPIC_ARN)")

bench: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(AGENT_VENV) $(TOOLS) node_modules .serverless build .pytest_cache

# The agent console: console/src bundled by esbuild (npm) into console/dist, which
# serve_console serves. Built, not committed: `make run` and `make test` build it from
# the source they run; osls package/deploy build it too (infra/osls_offline.py).
CONSOLE_STAMP := console/dist/index.html
$(CONSOLE_STAMP): $(PAGES_NODE_STAMP) console/build.mjs $(wildcard console/src/*)
	npm run --silent build:console
test package deploy: $(CONSOLE_STAMP)

# The API reference at /docs (make run): Swagger UI from npm (swagger-ui-dist) and our page
# (docs/reference), copied by docs/build.mjs into build/api-docs; built, not committed.
DOCS_STAMP := build/api-docs/index.html
$(DOCS_STAMP): $(PAGES_NODE_STAMP) docs/build.mjs $(wildcard docs/reference/*)
	npm run --silent build:docs
test: $(DOCS_STAMP)

# The browser tests (tests/browser) drive Debian's chromium; never a downloaded browser.
.PHONY: chromium
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
test: chromium
