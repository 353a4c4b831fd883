"""The local stream mapping starts where serverless.yml says (startingPosition: LATEST):
what the stream held before it started, such as the items a PERSIST=1 restart loads back,
is not published again (issue 24, point 12: 29 old deliveries to a new webhook)."""

from __future__ import annotations

import time
from typing import Any

from functions.shared.settings import get_settings
from infra.event_sources import StreamMapping
from tests.support.flows import open_call
from tests.support.tokens import Tokens


def test_a_latest_mapping_skips_what_was_there_before_it_started(
    store_env: str, tokens: Tokens
) -> None:
    open_call(tokens, "c-before")  # in the stream before the mapping starts
    seen: list[dict[str, Any]] = []

    def invoke(function: str, event: dict[str, Any]) -> dict[str, Any]:
        seen.extend(event["Records"])
        return {"batchItemFailures": []}

    settings = get_settings()
    mapping = StreamMapping(
        "publish_events",
        store_env,
        settings.table_name,
        settings.aws_region,
        poll_seconds=0.02,
        starting_position="LATEST",
        invoke=invoke,
    ).start()
    try:
        open_call(tokens, "c-after")
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # anything else would have come with it
    finally:
        mapping.stop()
    keys = [r["dynamodb"]["Keys"]["pk"]["S"] for r in seen]
    assert keys == ["CALL#c-after"], keys
