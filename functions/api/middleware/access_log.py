"""One JSON access line per request, and the request's ids in context for every line
logged while it runs (shared/logs.py formats them); an unexpected error is logged and
answered here.

Lines hold fixed fields only (route templates, never raw paths or bodies).
"""

from __future__ import annotations

import logging
import time
import uuid

from starlette.routing import Match, Router

from functions.api import problems
from functions.api.middleware.asgi import ASGIApp, Message, Receive, Scope, Send
from functions.runtime import heap
from functions.runtime.snapstart import WARM_UP
from functions.shared.logs import ROOT, bound

log = logging.getLogger(f"{ROOT}.access")


def _correlation_id(scope: Scope) -> str:
    """API Gateway's request id (what its own access logs and `apigw-requestid` carry);
    Lambda's request id without an event; a new one locally."""
    event = scope.get("aws.event") or {}
    rid = (event.get("requestContext") or {}).get("requestId")
    if isinstance(rid, str) and rid:
        return rid
    rid = getattr(scope.get("aws.context"), "aws_request_id", None)
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
        if scope["type"] != "http" or scope.get(WARM_UP):
            # SnapStart's warm-up (functions/runtime/snapstart.py) is nobody's request.
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rid = _correlation_id(scope)
        status = 500  # unless a response starts
        replayed = started_response = False

        async def sending(message: Message) -> None:
            nonlocal status, replayed, started_response
            if message["type"] == "http.response.start":
                started_response = True
                status = message["status"]
                headers = list(message.get("headers") or [])
                replayed = any(k.lower() == b"idempotent-replayed" for k, _ in headers)
                message["headers"] = [*headers, (b"x-request-id", rid.encode("latin-1"))]
            await send(message)

        with bound(self.function_name, rid, scope.get("aws.context")):
            try:
                await self.app(scope, receive, sending)
            except Exception:
                # Logged once, here, with this request's ids and the traceback, and
                # answered here: re-raised, Starlette and then Mangum would log it again,
                # Mangum with the exception's message.
                log.exception("unhandled error")
                if not started_response:
                    await problems.internal_error()(scope, receive, sending)
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
                    },
                )
