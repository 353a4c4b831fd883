"""One Query, page after page (DynamoDB returns at most 1 MB, or `Limit` items, a page)."""

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
) -> tuple[list[dict[str, Any]], Key | None]:
    """Items (wire format) of a Query, and the key to go on from (None at the end).

    With `want`, each page asks only for what is still missing and reading stops once
    `want` items are in; `max_pages` bounds how many pages one call reads (a filtered
    query can return empty pages)."""
    found: list[dict[str, Any]] = []
    if want is not None and want <= 0:
        return found, start
    for _ in range(max_pages) if max_pages is not None else count():
        extra: dict[str, Any] = {}
        if want is not None:
            extra["Limit"] = want - len(found)
        if start:
            extra["ExclusiveStartKey"] = start
        page = await db.query(**params, **extra)
        found.extend(page["Items"])
        start = page.get("LastEvaluatedKey")
        if not start or (want is not None and len(found) >= want):
            break
    return found, start
