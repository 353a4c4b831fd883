"""How long this request may still use the store: a deadline on the event loop's clock.

On Lambda the function is killed when its timeout runs out, whatever it is doing, and an
answer it had not sent is lost (with an Idempotency-Key claim left locked). So the API
sets a deadline per request from the Lambda context's remaining time, less a margin kept
back to release that claim and answer, and the store bounds all its work by it: the
attempts and backoffs together, not each attempt. Without a Lambda context (the local
server) the budget comes from settings.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# (deadline for the request's own work, deadline for wrapping up), in loop.time() seconds.
_deadlines: ContextVar[tuple[float, float] | None] = ContextVar("deadlines", default=None)


@contextmanager
def bounded(seconds: float, margin: float) -> Iterator[None]:
    """Work inside may run `seconds - margin`; wrapping up (`finishing`) gets most of the
    margin as well (half of it is left to send the answer)."""
    now = asyncio.get_running_loop().time()
    token = _deadlines.set((now + seconds - margin, now + seconds - margin / 2))
    try:
        yield
    finally:
        _deadlines.reset(token)


@contextmanager
def finishing() -> Iterator[None]:
    """Run the wrap-up (releasing or saving an Idempotency-Key claim) inside the margin."""
    current = _deadlines.get()
    token = _deadlines.set((current[1], current[1]) if current else None)
    try:
        yield
    finally:
        _deadlines.reset(token)


def at() -> float | None:
    """The deadline for store work now (loop time), or None when nothing bounds it."""
    current = _deadlines.get()
    return current[0] if current else None


def left() -> float | None:
    """Seconds until that deadline (negative once past), or None."""
    when = at()
    return None if when is None else when - asyncio.get_running_loop().time()
