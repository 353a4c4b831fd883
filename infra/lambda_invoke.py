"""Calling a function's handler as the Lambda runtime would: by its handler string from
serverless.yml, with a context object, from a thread of its own (the handler is sync)."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from infra import routes

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass
class Context:
    """The attributes of the Lambda runtime's context object that code may read."""

    function_name: str
    timeout_ms: int = 60_000
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def get_remaining_time_in_millis(self) -> int:
        return self.timeout_ms


@cache
def handler_of(function: str) -> Handler:
    spec = routes.read_config()["functions"][function]["handler"]
    module, _, attr = spec.rpartition(".")
    return getattr(importlib.import_module(module.replace("/", ".")), attr)  # type: ignore[no-any-return]


def functions_with(event_kind: str) -> dict[str, list[dict[str, Any]]]:
    """serverless.yml's functions with events of `event_kind` (websocket, stream, sqs)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name, function in (routes.read_config().get("functions") or {}).items():
        for event in function.get("events") or []:
            if isinstance(event, dict) and event_kind in event:
                found.setdefault(name, []).append(event[event_kind])
    return found


def invoke(function: str, event: dict[str, Any]) -> Any:
    return handler_of(function)(event, Context(function))


def _close_clients() -> None:
    """Close the SDK clients the handlers made on this thread's event loop."""
    from functions.livekit import rooms as media
    from functions.messaging import clients as messaging
    from functions.runtime import loop as lambda_loop
    from functions.store.table import client as dynamodb

    async def close() -> None:
        await dynamodb.close()
        await messaging.close()
        await media.close()

    lambda_loop.run(close())


def closing_clients(run: Callable[..., None]) -> Callable[..., None]:
    """A poller's thread body that closes, when it ends, the clients its handlers made (an
    aiohttp session left open is reported "Unclosed client session" at exit)."""

    def body(*args: Any) -> None:
        try:
            run(*args)
        finally:
            _close_clients()

    return body
