"""Reads that come back a page at a time: one Query, page after page (DynamoDB returns at
most 1 MB, or `Limit` items, a page), and BatchGetItem with its unprocessed keys."""

from __future__ import annotations

from itertools import count
from typing import Any

Key = dict[str, Any]  # a key in wire format, as LastEvaluatedKey gives it


async def query(
    db: Any,
    params: dict[str, Any],
    *,
    want: int | None = None,
    start: Key | None = None,
    max_pages: int | None = None,
    min_page: int = 0,
) -> tuple[list[dict[str, Any]], Key | None]:
    """Items (wire format) of a Query, and the key to go on from (None at the end).

    With `want`, each page asks only for what is still missing and reading stops once
    `want` items are in; `max_pages` bounds how many pages one call reads (a filtered
    query can return empty pages); `min_page` is the least a page asks for (a filter drops
    items after the read, so a filtered query reads whole pages, not just what is missing)."""
    found: list[dict[str, Any]] = []
    if want is not None and want <= 0:
        return found, start
    for _ in range(max_pages) if max_pages is not None else count():
        extra: dict[str, Any] = {}
        if want is not None:
            extra["Limit"] = max(want - len(found), min_page)
        if start:
            extra["ExclusiveStartKey"] = start
        page = await db.query(**params, **extra)
        found.extend(page["Items"])
        start = page.get("LastEvaluatedKey")
        if not start or (want is not None and len(found) >= want):
            break
    return found, start


BATCH_GET_MAX = 100  # keys per BatchGetItem request (DynamoDB's limit)
MAX_BATCH_ROUNDS = 10  # rounds of unprocessed keys before giving up on the rest


async def batch_get(
    db: Any, table: str, keys: list[Key], *, projection: str | None
) -> list[dict[str, Any]]:
    """Items (wire format) of these keys, `projection` only (None: whole items), read
    consistently: requests of at most 100 keys, each retried for the keys DynamoDB left
    unprocessed."""
    found: list[dict[str, Any]] = []
    for at in range(0, len(keys), BATCH_GET_MAX):
        wanted: dict[str, Any] = {"Keys": keys[at : at + BATCH_GET_MAX], "ConsistentRead": True}
        if projection is not None:
            wanted["ProjectionExpression"] = projection
        request: dict[str, Any] = {table: wanted}
        for _ in range(MAX_BATCH_ROUNDS):
            got = await db.batch_get_item(RequestItems=request)
            found.extend(got["Responses"].get(table, []))
            request = got.get("UnprocessedKeys") or {}
            if not request:
                break
    return found
