"""Shared fixtures: a moto server over HTTP for the store, settings from env, tokens; and
how the suite is split over pytest-xdist's workers (`make test` runs `-n 4`).

Each worker is its own process with its own session: its own moto server (port 0), Groq,
LiveKit and OpenID stubs, local servers and Chromium, so tests on two workers share no
table, queue or port. What they share is the work tree: `console_built_once` here and the
locks of tests/support/run_once.py keep two workers from writing the same files at once,
and tests/support/xdist_units.py says which tests go to a worker together.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from infra import console_build
from infra.local_stack import LocalDynamoDB, create_table
from tests.support.run_once import exclusive, once, work_tree_lock
from tests.support.store_settings import use_table
from tests.support.tokens import Tokens

TEST_SECRET = "test-secret-0123456789abcdef0123456789"
TABLE = "warm-transfer-test"
REGION = "us-east-1"


@pytest.hookimpl(optionalhook=True)  # xdist's hook: unknown under `-p no:xdist`
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """How tests go to xdist's workers (-n): tests/support/xdist_units.py."""
    from tests.support import xdist_units

    return xdist_units.make_scheduler(config, log)


@pytest.fixture(scope="session", autouse=True)
def console_built_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """console/dist built once per run, by whichever worker first needs it.

    console/build.mjs empties console/dist before writing it, and the browser tests, the
    console's files and `osls package` (infra/osls_offline.py) each build it: on two
    workers, one's build would pull the page from under the other's browser."""
    build = console_build.build

    def build_once() -> Path:
        with exclusive(work_tree_lock("console-dist")):
            once(tmp_path_factory, "console-built", lambda _: build())
        return console_build.DIST

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(console_build, "build", build_once)
        yield


@pytest.fixture(scope="session")
def moto_server() -> Iterator[LocalDynamoDB]:
    server = LocalDynamoDB().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto_endpoint(moto_server: LocalDynamoDB) -> str:
    return moto_server.endpoint_url


@pytest.fixture
def store_env(moto_server: LocalDynamoDB, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty table on the moto server, and settings pointing at it."""
    moto_server.reset()
    create_table(moto_server.endpoint_url, TABLE, REGION)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    use_table(
        monkeypatch,
        endpoint=moto_server.endpoint_url,
        table=TABLE,
        region=REGION,
        secret=TEST_SECRET,
    )
    yield moto_server.endpoint_url
    get_settings.cache_clear()
    dynamodb.reset()


@pytest.fixture
def tokens() -> Tokens:
    return Tokens(TEST_SECRET)
