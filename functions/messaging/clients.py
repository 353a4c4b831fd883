"""The clients of SQS and the API Gateway Management API: made lazily once per (loop,
service, endpoint), then reused, as the store's DynamoDB client is.

A session of its own (not the store's): adapters share nothing. It costs botocore's
loader once more per process (it reads its service models again, a few ms each) only in
the functions that use both DynamoDB and these services.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import Any

import aioboto3
from aiobotocore.config import AioConfig

from functions.shared.endpoints import tls_verify
from functions.shared.settings import get_settings

_session = aioboto3.Session()
_lock: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}
_clients: dict[tuple[asyncio.AbstractEventLoop, str, str | None], tuple[Any, AsyncExitStack]] = {}

# Standard retry mode (throttling, 5xx, connection errors); the timeouts keep a stalled
# connection inside the Lambda's own timeout.
_CONFIG = AioConfig(
    retries={"mode": "standard", "total_max_attempts": 3},
    connect_timeout=2,
    read_timeout=5,
)


async def service_client(service: str, endpoint_url: str | None) -> Any:
    """A lazily made, reused aioboto3 client of `service` at `endpoint_url` (None: AWS's)."""
    loop = asyncio.get_running_loop()
    key = (loop, service, endpoint_url)
    if key not in _clients:
        async with _lock.setdefault(loop, asyncio.Lock()):
            if key not in _clients:
                stack = AsyncExitStack()
                made = await stack.enter_async_context(
                    _session.client(
                        service,  # type: ignore[call-overload]
                        region_name=get_settings().aws_region,
                        endpoint_url=endpoint_url,
                        verify=tls_verify(endpoint_url),
                        config=_CONFIG,
                    )
                )
                _clients[key] = (made, stack)
    return _clients[key][0]


async def close() -> None:
    """Close this loop's clients (the local server on shutdown)."""
    loop = asyncio.get_running_loop()
    for key in [k for k in _clients if k[0] is loop]:
        await _clients.pop(key)[1].aclose()


def reset() -> None:
    """Forget every client (tests change endpoints between runs)."""
    for (loop, _, _), (_, stack) in list(_clients.items()):
        if not loop.is_running() and not loop.is_closed():
            loop.run_until_complete(stack.aclose())
    _clients.clear()
