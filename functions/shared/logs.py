"""JSON-line logs: one access line per request, and every `warm_transfer` log line as JSON
carrying the request id and function name.

Lines hold fixed fields only (route templates, never raw paths or bodies): no token,
transcript text, phone number or API key can reach them through this module.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any

from starlette.routing import Match, Router

from functions.api.asgi import ASGIApp, Message, Receive, Scope, Send
from functions.shared import heap
from functions.shared.settings import get_settings

ROOT = "warm_transfer"
log = logging.getLogger(f"{ROOT}.access")
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_function: ContextVar[str | None] = ContextVar("function", default=None)
# Extra fields a log call may attach (logging's `extra=`); anything else is dropped.
FIELDS = ("method", "route", "status", "latency_ms", "replayed", "count", "error")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or _request_id.get(),
            "function": getattr(record, "function", None) or _function.get(),
        }
        for name in FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__  # the type only: messages carry data
            # Inside the one JSON line: where it happened (frames and source lines), never
            # the exception's message, which may quote a transcript or a token.
            line["traceback"] = "".join(traceback.format_tb(record.exc_info[2]))
        return json.dumps(line, default=str)


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stdout is at the time (Lambda ships stdout to CloudWatch)."""

    @property  # type: ignore[override]
    def stream(self) -> IO[str]:
        return sys.stdout

    @stream.setter
    def stream(self, _: IO[str]) -> None:
        pass


def configure() -> None:
    """Install the JSON handler on the `warm_transfer` logger, once per process."""
    logger = logging.getLogger(ROOT)
    if not any(isinstance(h, _StdoutHandler) for h in logger.handlers):
        handler = _StdoutHandler()
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        # Lambda's runtime puts its own (non-JSON) handler on the root logger.
        logger.propagate = False
    logger.setLevel(get_settings().log_level)


@contextmanager
def bound(request_id: str, function: str) -> Iterator[None]:
    """Tag every line logged inside with this request id and function (non-HTTP handlers)."""
    tokens = (_request_id.set(request_id), _function.set(function))
    try:
        yield
    finally:
        _request_id.reset(tokens[0])
        _function.reset(tokens[1])


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
                        from functions.api.problems import internal_error

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
