"""The store's own errors: plain exceptions, nothing of HTTP (the api layer maps them).

Importing this module loads no SDK, so the api layer can map store errors in functions
that never touch the store.
"""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """Base of the store's errors."""


class ItemExists(StoreError):
    pass


class ItemMissing(StoreError):
    pass


class Erased(StoreError):
    """The call was erased: nothing may be added to it."""


class ConditionFailed(StoreError):
    def __init__(self, current: Any | None) -> None:
        super().__init__("condition failed")
        self.current = current  # the item as it is now (a typed record), when known


class StoreUnavailable(StoreError):
    """DynamoDB could not be reached or kept refusing (throttling, 5xx) after retries."""

    # The client's standard retries are spent by now: a caller should wait this long.
    retry_after_seconds = 2

    def __init__(self) -> None:
        super().__init__("the data store is unavailable; retry shortly")
        self.detail = str(self)


class TurnLimitReached(StoreError):
    """An append would take the call past its turn limit; `turns` is the call's count."""

    def __init__(self, turns: int) -> None:
        super().__init__("transcript full")
        self.turns = turns


class Contended(StoreUnavailable):
    """A write kept losing to concurrent writes of the same item until its time was up."""

    retry_after_seconds = 1

    def __init__(self) -> None:
        super().__init__()
        self.detail = "too many concurrent writes to the same record; retry shortly"
