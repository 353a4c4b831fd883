"""JSON-line logs through Powertools for AWS Lambda's Logger: one access line per request,
and every `warm_transfer` log line as JSON with the service, the function, `cold_start`,
Lambda's `function_request_id`, `xray_trace_id` and a `correlation_id` (the API Gateway
request id, which the client also gets as `X-Request-Id`).

Lines hold fixed fields only (route templates, never raw paths or bodies): no token,
transcript text, phone number or API key can reach them through this module. An error
line carries its traceback's frames and the exception's type, not its message: messages
carry data (a KeyError names the key, a validation error quotes the input).
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.logging.lambda_context import build_lambda_context_model
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from starlette.routing import Match, Router

from functions.api import problems
from functions.api.asgi import ASGIApp, Message, Receive, Scope, Send
from functions.shared import heap
from functions.shared.settings import get_settings

ROOT = "warm_transfer"
log = logging.getLogger(f"{ROOT}.access")
_logger: Logger | None = None
_cold_start = True  # until this process has served its first request


class _Formatter(LambdaPowertoolsFormatter):
    def formatException(self, ei: Any) -> str:
        exc_type, _, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (most recent call last):\n{frames}{exc_type.__name__}"


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stdout is at the time (Lambda ships stdout to CloudWatch)."""

    @property  # type: ignore[override]
    def stream(self) -> IO[str]:
        return sys.stdout

    @stream.setter
    def stream(self, _: IO[str]) -> None:
        pass


def configure() -> Logger:
    """The Powertools Logger, once per process; its handler and formatter serve every
    `warm_transfer` logger (Lambda's runtime puts its own handler on the root logger)."""
    global _logger
    settings = get_settings()
    if _logger is None:
        _logger = Logger(
            service=settings.service_name,
            level=settings.log_level,
            logger_handler=_StdoutHandler(),
            # stack_trace would repeat the exception's message (its "value").
            logger_formatter=_Formatter(utc=True, use_rfc3339=True, serialize_stacktrace=False),
        )
        logging.getLogger(ROOT)  # registered, so the copy below finds it
        copy_config_to_registered_loggers(source_logger=_logger, include={ROOT})
    logging.getLogger(ROOT).setLevel(settings.log_level)
    return _logger


@contextmanager
def bound(function: str, correlation_id: str, context: Any = None) -> Iterator[None]:
    """Tag every line logged inside with this function, correlation id, cold start and
    Lambda's context (request id, function name, memory, ARN) when there is one."""
    global _cold_start
    logger = configure()
    keys: dict[str, Any] = {
        "function": function,
        "correlation_id": correlation_id,
        "cold_start": _cold_start,
    }
    _cold_start = False
    if context is not None and hasattr(context, "aws_request_id"):
        keys |= vars(build_lambda_context_model(context))
    logger.thread_safe_append_keys(**keys)
    try:
        yield
    finally:
        logger.thread_safe_remove_keys(keys)


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
        if scope["type"] != "http":
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
