"""JSON-line logs: every `warm_transfer` log line as JSON carrying the request id and
function name (the access line per request: functions/api/access_log.py).

Lines hold fixed fields only (route templates, never raw paths or bodies): no token,
transcript text, phone number or API key can reach them through this module.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any

from functions.shared.settings import get_settings

ROOT = "warm_transfer"
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
