"""SQS: webhook deliveries (the delivery queue, with a delay, or the DLQ) and routing's
timers (a message delayed until it is due). This adapter is the only code that talks to SQS.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from functions.messaging import clients as aws
from functions.shared.settings import get_settings

SQS_BATCH = 10  # SendMessageBatch takes at most 10 entries


class QueueUnavailable(Exception):
    """SQS did not take a message (after the client's retries)."""


async def _sqs() -> Any:
    return await aws.service_client("sqs", get_settings().sqs_endpoint_url)


def _entry(n: int, body: dict[str, Any], group: str | None) -> dict[str, Any]:
    """One message; on a FIFO queue, in its group (delivered in order within it) and
    deduplicated by its content (a repeated send within 5 minutes is dropped)."""
    text = json.dumps(body, sort_keys=True)
    entry: dict[str, Any] = {"Id": str(n), "MessageBody": text}
    if group is not None:
        entry["MessageGroupId"] = group
        entry["MessageDeduplicationId"] = hashlib.sha256(text.encode()).hexdigest()
    return entry


async def send_all(
    queue_url: str, bodies: Sequence[dict[str, Any]], groups: Sequence[str] | None = None
) -> None:
    """Send each body as one message (`groups`: each one's message group, for a FIFO
    queue); QueueUnavailable if any was not taken."""
    sqs = await _sqs()
    try:
        for start in range(0, len(bodies), SQS_BATCH):
            chunk = bodies[start : start + SQS_BATCH]
            names = groups[start : start + SQS_BATCH] if groups is not None else [None] * len(chunk)
            out = await sqs.send_message_batch(
                QueueUrl=queue_url,
                Entries=[
                    _entry(n, body, group)
                    for n, (body, group) in enumerate(zip(chunk, names, strict=True))
                ],
            )
            if out.get("Failed"):
                raise QueueUnavailable(queue_url)
    except (ClientError, BotoCoreError) as exc:
        raise QueueUnavailable(queue_url) from exc


async def send(queue_url: str, body: dict[str, Any], group: str | None = None) -> None:
    await send_all(queue_url, [body], None if group is None else [group])


# SQS delays a message at most 15 minutes: a later timer is sent again when that runs out.
MAX_DELAY_SECONDS = 900


async def send_later(queue_url: str, body: dict[str, Any], seconds: int) -> None:
    """Send one message that becomes visible after `seconds` (0-900)."""
    sqs = await _sqs()
    try:
        await sqs.send_message(
            QueueUrl=queue_url,
            MessageBody=json.dumps(body),
            DelaySeconds=max(0, min(MAX_DELAY_SECONDS, seconds)),
        )
    except (ClientError, BotoCoreError) as exc:
        raise QueueUnavailable(queue_url) from exc


async def delay(queue_url: str, receipt_handle: str, seconds: int) -> None:
    """Hide a received message for `seconds` (its next attempt comes after that)."""
    sqs = await _sqs()
    try:
        await sqs.change_message_visibility(
            QueueUrl=queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=seconds
        )
    except (ClientError, BotoCoreError) as exc:
        raise QueueUnavailable(queue_url) from exc
