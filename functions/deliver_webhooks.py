"""The webhook delivery queue (SQS event source mapping, ReportBatchItemFailures): one
attempt per message; a failed one is hidden for its backoff delay and comes back, and
after WEBHOOK_MAX_ATTEMPTS it goes to the dead-letter queue with its attempts."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services.events import webhooks


async def _attempt(record: dict[str, Any]) -> bool:
    return await webhooks.attempt(
        json.loads(record["body"]),
        int(record["attributes"]["ApproximateReceiveCount"]),
        record["receiptHandle"],
    )


async def _batch(records: list[dict[str, Any]]) -> list[str]:
    done = await asyncio.gather(*(_attempt(r) for r in records), return_exceptions=True)
    return [r["messageId"] for r, ok in zip(records, done, strict=True) if ok is not True]


@event_function("deliver_webhooks")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failed = lambda_loop.run(_batch(event.get("Records") or []))
    return {"batchItemFailures": [{"itemIdentifier": m} for m in failed]}
