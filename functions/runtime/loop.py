"""One event loop per container (per thread) for the handlers Mangum does not run.

Kept between invocations, so the clients made on it are reused by every warm run, as
Mangum does for the HTTP functions. Per thread: the local server runs these handlers on
worker threads, where each thread is one "container"; Lambda has a single thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
_local = threading.local()


def loop() -> asyncio.AbstractEventLoop:
    """This thread's loop, made on first use (SnapStart's warm-up makes clients on it)."""
    current: asyncio.AbstractEventLoop | None = getattr(_local, "loop", None)
    if current is None or current.is_closed():
        current = _local.loop = asyncio.new_event_loop()
    return current


def run(work: Coroutine[Any, Any, T]) -> T:
    return loop().run_until_complete(work)
