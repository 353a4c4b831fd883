"""WebSocket $disconnect: forget the socket (API Gateway calls it best-effort; the
record's TTL covers a disconnect that never arrives)."""

from __future__ import annotations

import uuid
from typing import Any

from functions.domain import connections
from functions.shared import lambda_loop, logs

FUNCTION = "ws_disconnect"
logs.configure()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request_id = getattr(context, "aws_request_id", None) or uuid.uuid4().hex
    with logs.bound(request_id, FUNCTION):
        lambda_loop.run(connections.disconnect(event["requestContext"]["connectionId"]))
    return {"statusCode": 200}
