"""JSON-line logs through Powertools for AWS Lambda's Logger: every `warm_transfer` log
line as JSON with the service, the function, `cold_start`, Lambda's `function_request_id`,
`xray_trace_id` and a `correlation_id` (the access line per request, and where the
correlation id comes from: functions/api/middleware/access_log.py).

Lines hold fixed fields only (route templates, never raw paths or bodies): no token,
transcript text, phone number or API key can reach them through this module. An error
line carries its traceback's frames and the exception's type, not its message: messages
carry data (a KeyError names the key, a validation error quotes the input).
"""

from __future__ import annotations

import logging
import sys
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.logging.lambda_context import build_lambda_context_model
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers

from functions.shared.settings import get_settings

ROOT = "warm_transfer"
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


_correlation: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def correlation_id(event: Any, context: Any) -> str:
    """What ties a non-HTTP invocation's lines together: API Gateway's request id (the
    WebSocket routes), an EventBridge event's id (schedules), else Lambda's request id."""
    event = event if isinstance(event, dict) else {}
    found = (event.get("requestContext") or {}).get("requestId") or event.get("id")
    found = found or getattr(context, "aws_request_id", None)
    return str(found) if found else uuid.uuid4().hex


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
    try:
        keys |= vars(build_lambda_context_model(context))
    except AttributeError:  # no context, or a partial one (the local server's)
        request_id = getattr(context, "aws_request_id", None)
        keys |= {"function_request_id": request_id} if request_id else {}
    logger.thread_safe_append_keys(**keys)
    token = _correlation.set(correlation_id)
    try:
        yield
    finally:
        _correlation.reset(token)
        logger.thread_safe_remove_keys(keys)


def current_correlation_id() -> str | None:
    """The id of the request (or invocation) being served: what its log lines carry."""
    return _correlation.get()
