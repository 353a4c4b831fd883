"""Settings pointed at one table of a local DynamoDB, for the fixtures that make one."""

from __future__ import annotations

import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb

# Unset, so no test reaches a real Groq or LiveKit by accident; tests that use the stubs
# set their own.
UNSET = ("GROQ_API_KEY", "LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET")
# List cursors' signing key in tests (not the JWT secret: the two are separate keys).
CURSOR_SECRET = "test-cursor-secret-0123456789abcdef"


def use_table(
    env: pytest.MonkeyPatch, *, endpoint: str, table: str, region: str, secret: str
) -> None:
    """Settings (through `env`) for `table` at `endpoint` with fake credentials and the JWT
    `secret`; the cached settings and store clients are dropped, so the next request reads
    them anew."""
    for key, value in {
        "DYNAMODB_ENDPOINT_URL": endpoint,
        "TABLE_NAME": table,
        "AWS_REGION": region,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AUTH_JWT_SECRET": secret,
        "CURSOR_SECRET": CURSOR_SECRET,
    }.items():
        env.setenv(key, value)
    for key in UNSET:
        env.delenv(key, raising=False)
    get_settings.cache_clear()
    dynamodb.reset()
