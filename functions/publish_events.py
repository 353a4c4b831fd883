"""The table's stream (event source mapping, ReportBatchItemFailures): each change of a
transfer becomes one event, pushed to the agents' WebSockets and queued for webhooks."""

from __future__ import annotations

from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime import snapstart
from functions.services.events import transfer_events as events
from functions.shared import logs
from functions.store.stream import changes

FUNCTION = "publish_events"
logs.configure()
snapstart.prepare_event_function()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    with logs.bound(FUNCTION, logs.correlation_id(event, context), context):
        failed = lambda_loop.run(events.publish_changes(changes(event.get("Records") or [])))
    return {"batchItemFailures": [{"itemIdentifier": failed}] if failed else []}
