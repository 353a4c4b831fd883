"""Routing's timers (an SQS queue of messages delayed until due, ReportBatchItemFailures):
offer timeouts, queue waits, wrap-ups and phones to dial (a batch concurrently: a dial waits
for its answer), each applied once whatever the redelivery."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services import routing


async def _batch(records: list[dict[str, Any]]) -> list[str]:
    done = await asyncio.gather(
        *(routing.fire(json.loads(r["body"])) for r in records), return_exceptions=True
    )
    return [r["messageId"] for r, ok in zip(records, done, strict=True) if ok is not None]


@event_function("fire_timers")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failed = lambda_loop.run(_batch(event.get("Records") or []))
    return {"batchItemFailures": [{"itemIdentifier": m} for m in failed]}
