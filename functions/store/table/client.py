"""The DynamoDB client: created lazily once per process and event loop, then reused.

Mangum keeps one event loop per Lambda container, so every warm invocation gets the
same open client (the first call pays ~76 ms, later ones ~3 ms). A different loop (the
local server, a test) gets its own client, since aiohttp sessions are bound to a loop.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from typing import Any

import aioboto3
from aiobotocore.config import AioConfig

from functions.shared.endpoints import tls_verify
from functions.shared.settings import get_settings

log = logging.getLogger("warm_transfer.store")
# One session per process: it keeps botocore's loaded service models (~50 ms to read), so
# every client after the first (another loop, another service) costs ~2 ms.
_session = aioboto3.Session()
_clients: dict[asyncio.AbstractEventLoop, tuple[Any, AsyncExitStack]] = {}
_lock: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

# Standard retry mode retries throttling, 5xx and connection errors with jittered
# backoff (up to 1, 2, 4 s). total_max_attempts counts the first try (botocore's
# max_attempts would not: 4 meant 5 tries, up to 15 s of backoff, past a 10 s Lambda
# timeout). The timeouts keep a stalled connection inside the Lambda's own timeout.
_CONFIG = AioConfig(
    retries={"mode": "standard", "total_max_attempts": 4},
    connect_timeout=2,
    read_timeout=5,
)


async def client() -> Any:
    loop = asyncio.get_running_loop()
    cached = _clients.get(loop)
    if cached is not None:
        return cached[0]
    async with _lock.setdefault(loop, asyncio.Lock()):
        if loop not in _clients:
            settings = get_settings()
            stack = AsyncExitStack()
            made = await stack.enter_async_context(
                _session.client(
                    "dynamodb",
                    region_name=settings.aws_region,
                    endpoint_url=settings.dynamodb_endpoint_url,
                    verify=tls_verify(settings.dynamodb_endpoint_url),
                    config=_CONFIG,
                )
            )
            _clients[loop] = (made, stack)
    return _clients[loop][0]


async def open_http_session() -> None:
    """Make this loop's client's HTTP session and TLS context now rather than on its first
    request (SnapStart's warm-up: functions/runtime/snapstart.py); opens no connection.
    aiobotocore has no public call for it: if a version drops the private one, the
    first request makes the session as it always did."""
    http = getattr(getattr(await client(), "_endpoint", None), "http_session", None)
    make = getattr(http, "_get_session", None)
    if make is None:
        log.warning("aiobotocore has no _get_session: the HTTP session is made on first use")
        return
    await make(None)


def reset() -> None:
    """Close and forget every client (tests change endpoints between runs).

    Called from sync code: clients of loops that are not running are closed on them.
    """
    for loop, (_, stack) in list(_clients.items()):
        if not loop.is_running() and not loop.is_closed():
            loop.run_until_complete(stack.aclose())
    _clients.clear()
    _lock.clear()


async def close() -> None:
    """Close this loop's client (the local server on shutdown)."""
    entry = _clients.pop(asyncio.get_running_loop(), None)
    if entry is not None:
        await entry[1].aclose()
