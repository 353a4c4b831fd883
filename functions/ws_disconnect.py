"""WebSocket $disconnect: forget the socket (API Gateway calls it best-effort; the
record's TTL covers a disconnect that never arrives)."""

from __future__ import annotations

from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime import snapstart
from functions.services.events import connections
from functions.shared import logs

FUNCTION = "ws_disconnect"
logs.configure()
snapstart.prepare_event_function()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    with logs.bound(FUNCTION, logs.correlation_id(event, context), context):
        lambda_loop.run(connections.disconnect(event["requestContext"]["connectionId"]))
    return {"statusCode": 200}
