"""Shared fixtures: a moto server over HTTP for the store, settings from env, tokens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from infra.local_stack import LocalDynamoDB, create_table
from tests.support.store_settings import use_table
from tests.support.tokens import Tokens

TEST_SECRET = "test-secret-0123456789abcdef0123456789"
TABLE = "warm-transfer-test"
REGION = "us-east-1"


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
