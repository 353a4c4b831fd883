"""What every repository shares: the client, the table, its keys, and error translation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Self

from botocore.exceptions import BotoCoreError, ClientError

from functions.shared import deadline, metrics
from functions.shared.settings import get_settings
from functions.store.errors import StoreUnavailable
from functions.store.table import client
from functions.store.table.keys import table_keys


@asynccontextmanager
async def guard() -> AsyncIterator[None]:
    """Turn transport failures, exhausted retries and the request's deadline (all attempts
    together, functions/shared/deadline.py) into StoreUnavailable."""
    try:
        async with asyncio.timeout_at(deadline.at()):
            yield
    except TimeoutError as exc:
        raise StoreUnavailable() from exc
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if status >= 500 or "Throttl" in code or code == "ProvisionedThroughputExceededException":
            metrics.count(metrics.STORE_UNAVAILABLE)
            raise StoreUnavailable() from exc
        if code == "TransactionConflictException":  # a write met an item in a transaction
            raise StoreUnavailable() from exc
        raise
    except BotoCoreError as exc:  # connection refused, timeouts, ...
        metrics.count(metrics.STORE_UNAVAILABLE)
        raise StoreUnavailable() from exc


class Repository:
    def __init__(self, db: Any, table_name: str) -> None:
        self._db = db
        self._table = table_name
        self._keys = table_keys()

    @classmethod
    async def over_shared_client(cls) -> Self:
        """A repository over this process's lazily created client (made once, reused)."""
        return cls(await client.client(), get_settings().table_name)
