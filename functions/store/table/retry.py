"""Retrying a write that lost to concurrent writes of the same item: jittered exponential
backoff, bounded by time (settings.store_retry_seconds, and the request's deadline), not
by a count. Then the caller is told to come back (503 with Retry-After), never a 500.

Used for an append's optimistic transaction (conditional on the turn count it read) and
for TransactionConflict, which DynamoDB answers when two transactions touch one item at
once (an initiate's and an append's, both updating the call).
"""

from __future__ import annotations

import asyncio
import random

from botocore.exceptions import ClientError

from functions.shared import deadline
from functions.shared.settings import get_settings
from functions.store.errors import Contended

FIRST_PAUSE_SECONDS = 0.01
MAX_PAUSE_SECONDS = 0.25
CONDITION_FAILED = "ConditionalCheckFailed"
CONFLICT = "TransactionConflict"


def cancellation_codes(exc: ClientError) -> list[str]:
    """The per-item reasons of a TransactionCanceledException, in request order."""
    reasons = exc.response.get("CancellationReasons") or []
    return [str(r.get("Code") or "None") for r in reasons]


class Backoff:
    """`await backoff.pause()` after each lost attempt; Contended once time is up."""

    def __init__(self) -> None:
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._until = loop.time() + get_settings().store_retry_seconds
        bound = deadline.at()
        if bound is not None:
            self._until = min(self._until, bound)
        self._attempt = 0

    async def pause(self) -> None:
        # Full jitter (AWS's recommendation for contended writers): a random pause up to
        # an exponentially growing cap, so writers that collided spread out.
        cap = min(MAX_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2**self._attempt)
        self._attempt += 1
        wait = random.uniform(0, cap)
        if self._loop.time() + wait >= self._until:
            raise Contended()
        await asyncio.sleep(wait)
