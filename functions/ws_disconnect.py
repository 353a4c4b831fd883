"""WebSocket $disconnect: forget the socket (API Gateway calls it best-effort; the
record's TTL covers a disconnect that never arrives)."""

from __future__ import annotations

from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services.events import connections


@event_function("ws_disconnect")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    lambda_loop.run(connections.disconnect(event["requestContext"]["connectionId"]))
    return {"statusCode": 200}
