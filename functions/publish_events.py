"""The table's stream (event source mapping, ReportBatchItemFailures): each change of a
transfer becomes one event, pushed to the agents' WebSockets and queued for webhooks."""

from __future__ import annotations

import uuid
from typing import Any

from functions.domain import events
from functions.shared import lambda_loop, logs
from functions.store.stream import changes

FUNCTION = "publish_events"
logs.configure()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request_id = getattr(context, "aws_request_id", None) or uuid.uuid4().hex
    with logs.bound(request_id, FUNCTION):
        failed = lambda_loop.run(events.publish_changes(changes(event.get("Records") or [])))
    return {"batchItemFailures": [{"itemIdentifier": failed}] if failed else []}
