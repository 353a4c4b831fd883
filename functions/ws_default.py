"""WebSocket $default: messages from the client. A ping gets a pong (the route returns
its body to the client); the socket carries events only from the server."""

from __future__ import annotations

from typing import Any

from functions.services.events import connections


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    answer = connections.reply(event.get("body"))
    return {"statusCode": 200, **({"body": answer} if answer else {})}
