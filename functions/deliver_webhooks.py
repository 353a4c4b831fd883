"""The webhook delivery queue (SQS FIFO event source mapping, ReportBatchItemFailures): one
attempt per message; a failed one is hidden for its backoff delay and comes back, and
after WEBHOOK_MAX_ATTEMPTS it goes to the dead-letter queue with its attempts. Messages
of one group (a subscription's deliveries of one transfer) go in order: one at a time,
and after a failure the rest of its group in the batch wait (reported failed, untried)."""

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


async def _group(records: list[dict[str, Any]]) -> list[str]:
    """A group's messages in order; the failed one and every later one: not done."""
    for n, record in enumerate(records):
        try:
            ok = await _attempt(record)
        except Exception:
            ok = False
        if not ok:
            return [r["messageId"] for r in records[n:]]
    return []


async def _batch(records: list[dict[str, Any]]) -> list[str]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        name = (record.get("attributes") or {}).get("MessageGroupId") or record["messageId"]
        groups.setdefault(name, []).append(record)
    failed = await asyncio.gather(*(_group(g) for g in groups.values()))
    return [message for group in failed for message in group]


@event_function("deliver_webhooks")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failed = lambda_loop.run(_batch(event.get("Records") or []))
    return {"batchItemFailures": [{"itemIdentifier": m} for m in failed]}
