"""Reads shared by the records of one stream batch.

A batch's events mostly go to the same sockets and the same webhook subscriptions; each
is read once per batch, not once per record (`bench requests`: the stream step's Query
calls). Outside `shared()` every read goes to the table as before. A socket or
subscription made while a batch is being published may miss that batch's events, as it
could by connecting a moment later.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_reads: ContextVar[dict[Hashable, asyncio.Future[Any]] | None] = ContextVar(
    "batch_reads", default=None
)


@contextmanager
def shared() -> Iterator[None]:
    """Within this block, `once` reads each key at most once."""
    token = _reads.set({})
    try:
        yield
    finally:
        _reads.reset(token)


async def once(key: Hashable, read: Callable[[], Awaitable[T]]) -> T:
    """`read()`'s answer, shared with every other caller of `key` in this batch (callers at
    the same moment share one request)."""
    reads = _reads.get()
    if reads is None:
        return await read()
    if key not in reads:
        reads[key] = asyncio.ensure_future(read())
    return await reads[key]  # type: ignore[no-any-return]


def forget() -> None:
    """Drop what was read (a socket was found gone): the next caller reads anew."""
    if (reads := _reads.get()) is not None:
        reads.clear()
