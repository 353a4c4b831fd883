"""One JSON access line per request, and the request id in context for every line logged
while it runs (shared/logs.py formats them).

Lines hold fixed fields only (route templates, never raw paths or bodies).
"""

from __future__ import annotations

import logging
import time
import uuid

from starlette.routing import Match, Router

from functions.api.asgi import ASGIApp, Message, Receive, Scope, Send
from functions.api.problems import internal_error
from functions.shared import heap
from functions.shared.logs import ROOT, bound

log = logging.getLogger(f"{ROOT}.access")


def _request_id_of(scope: Scope) -> str:
    context = scope.get("aws.context")
    rid = getattr(context, "aws_request_id", None)
    if isinstance(rid, str) and rid:
        return rid
    event = scope.get("aws.event") or {}
    rid = (event.get("requestContext") or {}).get("requestId")
    return rid if isinstance(rid, str) and rid else uuid.uuid4().hex


class AccessLog:
    """ASGI middleware: the request id in context for every line, and one access line."""

    def __init__(self, app: ASGIApp, function_name: str, router: Router | None = None) -> None:
        self.app = app
        self.function_name = function_name
        self.router = router

    def _route(self, scope: Scope) -> str:
        """The route template; looked up when a middleware answered before routing (a
        replay, a 413), never the raw path, which carries ids."""
        route = scope.get("route")
        if route is None and self.router is not None:
            for candidate in self.router.routes:
                if candidate.matches(scope)[0] is not Match.NONE:
                    route = candidate
                    break
        return getattr(route, "path", None) or "unmatched"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rid = _request_id_of(scope)
        status = 500  # unless a response starts
        replayed = responded = False

        async def sending(message: Message) -> None:
            nonlocal status, replayed, responded
            if message["type"] == "http.response.start":
                responded = True
                status = message["status"]
                headers = list(message.get("headers") or [])
                replayed = any(k.lower() == b"idempotent-replayed" for k, _ in headers)
                message["headers"] = [*headers, (b"x-request-id", rid.encode("latin-1"))]
            await send(message)

        try:
            with bound(rid, self.function_name):
                try:
                    await self.app(scope, receive, sending)
                except Exception:
                    # Logged here, with the request id, as one JSON line; not re-raised, so
                    # neither Starlette nor Mangum prints a multi-line traceback of its own.
                    log.error("unhandled error", exc_info=True)
                    if not responded:
                        await internal_error()(scope, receive, sending)
        finally:
            heap.settle()
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "route": self._route(scope),
                    "status": status,
                    "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                    "replayed": replayed,
                    "request_id": rid,
                    "function": self.function_name,
                },
            )
