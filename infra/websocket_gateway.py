"""The local API Gateway WebSocket API: sockets at /ws, routed to the $connect,
$disconnect and $default functions of serverless.yml with genuine events, and the
Management API's @connections endpoint, so post_to_connection reaches a real socket.

On AWS the Management API takes only SigV4-signed requests of the account. Locally the
endpoint sits under a path secret made when the process starts (`management_url`): only
this process (the functions it runs) knows it, so another local user or a web page cannot
push frames into an agent's console. Bodies are capped at API Gateway's 128 KB."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from infra import websocket_events
from infra.lambda_invoke import functions_with, invoke

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
PATH = "/ws"
CONNECTIONS_PREFIX = "/@connections/"
# The path secret of this process's @connections endpoint.
_MANAGEMENT_KEY = secrets.token_urlsafe(18)
MANAGEMENT_PREFIX = f"/{_MANAGEMENT_KEY}{CONNECTIONS_PREFIX}"
MAX_POST_BYTES = 128 * 1024  # API Gateway's limit of a WebSocket message


def management_url(base_url: str) -> str:
    """WEBSOCKET_MANAGEMENT_URL for a local server at `base_url`."""
    return f"{base_url}/{_MANAGEMENT_KEY}"


def is_management(path: str) -> bool:
    """A request for the @connections endpoint, with or without its secret."""
    return path.startswith((CONNECTIONS_PREFIX, MANAGEMENT_PREFIX))


@dataclass
class _Socket:
    send: Send
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class WebSocketGateway:
    def __init__(self) -> None:
        self.routes = {
            event["route"]: name
            for name, events in functions_with("websocket").items()
            for event in events
        }
        self.sockets: dict[str, _Socket] = {}
        self.is_management = is_management

    async def _invoke(self, route: str, event: dict[str, Any]) -> dict[str, Any]:
        function = self.routes.get(route) or self.routes.get("$default")
        if function is None:
            return {"statusCode": 200}
        return await asyncio.to_thread(invoke, function, event) or {"statusCode": 200}

    async def serve_socket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        domain = headers.get("host", "127.0.0.1")
        connection_id = websocket_events.new_connection_id()
        connected_at = int(time.time() * 1000)
        query = parse_qs(scope.get("query_string", b"").decode(), keep_blank_values=True)
        answer = await self._invoke(
            "$connect",
            websocket_events.connect_event(
                connection_id,
                domain=domain,
                headers=headers,
                query=query,
                connected_at=connected_at,
            ),
        )
        status = int(answer.get("statusCode", 200))
        if not 200 <= status < 300:
            # Refused as API Gateway refuses: the upgrade is answered with this status.
            body = str(answer.get("body") or "").encode()
            await send({"type": "websocket.http.response.start", "status": status, "headers": []})
            await send({"type": "websocket.http.response.body", "body": body})
            return
        await send({"type": "websocket.accept"})
        self.sockets[connection_id] = _Socket(send)
        close_code = 1000
        try:
            while True:
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    close_code = int(message.get("code", 1000))
                    break
                text = message.get("text")
                if text is None:
                    text = (message.get("bytes") or b"").decode("utf-8", "replace")
                reply = await self._invoke(
                    "$default",
                    websocket_events.message_event(
                        connection_id, text, domain=domain, connected_at=connected_at
                    ),
                )
                if reply.get("body"):
                    await self.post(connection_id, str(reply["body"]).encode())
        finally:
            self.sockets.pop(connection_id, None)
            await self._invoke(
                "$disconnect",
                websocket_events.disconnect_event(
                    connection_id, domain=domain, connected_at=connected_at, status_code=close_code
                ),
            )

    async def post(self, connection_id: str, data: bytes) -> bool:
        socket = self.sockets.get(connection_id)
        if socket is None:
            return False
        async with socket.lock:
            await socket.send({"type": "websocket.send", "text": data.decode()})
        return True

    async def serve_management(self, scope: Scope, receive: Receive, send: Send) -> None:
        """POST /@connections/{id} (post_to_connection); DELETE closes the socket."""
        if not scope["path"].startswith(MANAGEMENT_PREFIX):
            forbidden = json.dumps({"message": "Forbidden"}).encode()
            await _answer(send, 403, forbidden, error_type="ForbiddenException")
            return
        connection_id = scope["path"][len(MANAGEMENT_PREFIX) :]
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_POST_BYTES:
                too_big = json.dumps({"message": "Request entity too large"}).encode()
                await _answer(send, 413, too_big, error_type="PayloadTooLargeException")
                return
            if not message.get("more_body"):
                break
        if scope["method"] == "POST" and await self.post(connection_id, body):
            await _answer(send, 200, b"")
            return
        socket = self.sockets.get(connection_id)
        if scope["method"] == "DELETE" and socket is not None:
            async with socket.lock:
                await socket.send({"type": "websocket.close", "code": 1000})
            await _answer(send, 204, b"")
            return
        # What the Management API answers for a socket that is not (or no longer) open.
        await _answer(send, 410, json.dumps({"message": None}).encode(), error_type="GoneException")


async def _answer(send: Send, status: int, body: bytes, error_type: str | None = None) -> None:
    headers = [(b"content-type", b"application/json")]
    if error_type:
        headers.append((b"x-amzn-errortype", error_type.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
