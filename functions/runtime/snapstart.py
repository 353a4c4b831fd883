"""SnapStart (serverless.yml publishes every python3.12 function with it, infra/snapstart.js).

Lambda runs a function's init once per version, snapshots the process, and starts new
containers from the snapshot, so what the first request would pay for is paid before the
snapshot instead:
- one request through the app with a malformed bearer token: routing, the auth dependency
  and token parsing, pydantic's validators, problem+json, and the modules they import
  lazily; it is refused (401) before any store call, and is not logged as a request;
- the DynamoDB client made, with its HTTP session and TLS context (aiobotocore makes those
  on the first request, and loading the CA bundle alone is ~20 ms). No request is sent, so
  no connection is open when the snapshot is taken: nothing in the pool can be dead after
  a restore.

After a restore, what must not be shared by every container made from one snapshot is
renewed: Python's `random` is reseeded (the store's retry jitter would otherwise be the
same sequence in every container). Credentials are not in the snapshot's way: under
SnapStart Lambda gives the SDK container credentials, which it refreshes itself.

`snapshot_restore_py` is part of Lambda's Python runtime and ships in the layer too;
nothing calls the hooks outside Lambda unless asked (tests/integration/runtime/test_snapstart.py,
`python -m bench snapstart`).
"""

from __future__ import annotations

import asyncio
import random
import sys
from collections.abc import Callable
from typing import Any

from snapshot_restore_py import register_after_restore, register_before_snapshot

from functions.runtime import heap

# A scope key set by the warm-up request: it is nobody's request, so the API's middleware
# neither logs nor counts it.
WARM_UP = "warm_transfer.warm_up"
Message = dict[str, Any]  # an ASGI message


Hook = Callable[[], None]
# Parsed and refused by the auth dependency (not a JWT): the whole path up to the store.
_MALFORMED_BEARER = b"Bearer snapstart.warm.up"


def _loop() -> asyncio.AbstractEventLoop:
    """The loop Mangum runs every request on (it makes and sets it when the handler is made);
    clients are per loop, so the warm-up must make them on this one."""
    try:
        return asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


def _example_path(path: str) -> str:
    """A concrete path for a route template: each `{param}` becomes a well-formed id."""
    out, depth = [], 0
    for char in path:
        if char == "{":
            depth += 1
            out.append("warm-up")
        elif char == "}":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


async def _request(app: Any, method: str, path: str) -> None:
    """One request through the whole ASGI app with a token that does not parse: a public
    route answers, any other refuses with a 401 problem. Every layer above the store runs."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"warm-up"),
            (b"content-type", b"application/json"),
            (b"authorization", _MALFORMED_BEARER),
        ],
        "client": ("127.0.0.1", 0),
        "server": ("warm-up", 443),
        WARM_UP: True,
    }
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: Message) -> None:
        pass  # nobody is waiting for the answer

    await app(scope, receive, send)


def warm_app(app: Any, first_route: Callable[[], tuple[str, str] | None]) -> Hook:
    """The before-snapshot hook of an HTTP function: its first route (method, path template,
    named by the api layer when the hook runs: this layer knows ASGI, not FastAPI) once
    through the app, and its clients."""

    def hook() -> None:
        loop = _loop()
        route = first_route()
        if route is not None:
            method, path = route
            loop.run_until_complete(_request(app, method, _example_path(path)))
        warm_clients(loop)
        heap.settle()

    return hook


# The SDK wrappers a function may call besides the store. Warmed only where the function's
# code imported the wrapper: the others never load the SDK, before a snapshot or after.
_OTHER_CLIENTS = ("functions.llm.client", "functions.livekit.rooms")


def warm_clients(loop: asyncio.AbstractEventLoop | None = None) -> None:
    """Make the DynamoDB client on `loop` and its HTTP session, and the Groq and LiveKit
    clients of a function that uses them; no request is sent."""
    from functions.store.table import client as store_client

    loop = loop or _loop()
    loop.run_until_complete(store_client.client())
    loop.run_until_complete(store_client.open_http_session())
    for name in _OTHER_CLIENTS:
        module = sys.modules.get(name)
        if module is not None:
            loop.run_until_complete(module.prepare())


def renew_after_restore() -> None:
    """Every container restored from one snapshot starts with the same `random` state."""
    random.seed()


# Once per process (this module is imported once): a Lambda process holds one function, the
# local server holds them all, and the restore hook is the same for each.
register_after_restore(renew_after_restore)


def prepare(before_snapshot: Hook) -> None:
    """Register a function's before-snapshot hook with the runtime."""
    register_before_snapshot(before_snapshot)


def prepare_event_function() -> None:
    """The hooks of a function Mangum does not run (streams, queues, WebSocket, schedule):
    its clients made on its loop (functions/runtime/loop.py)."""
    from functions.runtime import loop as lambda_loop

    prepare(lambda: warm_clients(lambda_loop.loop()))
