"""The table's stream (event source mapping, ReportBatchItemFailures): each change of a
transfer becomes one event, pushed to the agents' WebSockets and queued for webhooks."""

from __future__ import annotations

from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services.events import transfer_events as events
from functions.store.stream import changes


@event_function("publish_events")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failed = lambda_loop.run(events.publish_changes(changes(event.get("Records") or [])))
    return {"batchItemFailures": [{"itemIdentifier": failed}] if failed else []}
