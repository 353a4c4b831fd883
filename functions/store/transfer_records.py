"""A stored transfer as the rules read it (TransferRecord), and the reads of many: lists
through one GSI each, never a Scan. TransferRepository (store/transfers.py) takes these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire
from functions.store.table.paging import Key

MAX_LIST_PAGES = 10
FILTERED_PAGE = 100  # items read per page of a filtered list


@dataclass(frozen=True)
class TransferRecord:
    """A stored transfer: typed fields for what the rules read; `attributes` holds every
    stored field (keys stripped), as the Transfer model takes them."""

    transfer_id: str
    status: str
    version: int
    created_at: str
    history: list[dict[str, Any]]
    from_agent: str | None
    to_agent: str | None
    consult_room: str | None
    caller_room: str | None
    media_status: dict[str, Any] | None
    # The agents' LiveKit identities (None on transfers stored before they were recorded).
    from_identity: str | None
    to_identity: str | None
    attributes: dict[str, Any]

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> TransferRecord:
        named = {f.name: item.get(f.name) for f in fields(cls) if f.name != "attributes"}
        return cls(**named, attributes=item)


class TransferLists(Repository):
    def _record(self, wire: Mapping[str, Any]) -> TransferRecord:
        return TransferRecord.from_item(self._keys.strip(from_wire(wire)))

    async def list_page(
        self,
        *,
        agent: str | None,
        status: str | None,
        limit: int,
        start: Key | None,
        caller_room: str | None = None,
    ) -> tuple[list[TransferRecord], Key | None]:
        """Transfers newest first through one GSI (never a Scan), and where to go on.

        The index is the inbox when an agent is given, else the status index, else the
        newest-first index. A status filter on the inbox, and a caller's room, are a
        FilterExpression, so pages are read until `limit` items are found (bounded by
        MAX_LIST_PAGES of at least FILTERED_PAGE items).
        """
        k = self._keys
        if agent is not None:
            index, hash_value = k.agent, keys.agent_key(agent)
        elif status is not None:
            index, hash_value = k.status, keys.status_key(status)
        else:
            index, hash_value = k.created, keys.TRANSFER
        params: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": index.name,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": index.hash_key},
            "ExpressionAttributeValues": {":h": {"S": hash_value}},
            "ScanIndexForward": False,
        }
        filters = {"status": status if agent is not None else None, "caller_room": caller_room}
        filters = {name: v for name, v in filters.items() if v is not None}
        if filters:
            params["FilterExpression"] = " AND ".join(f"#{n} = :{n}" for n in filters)
            params["ExpressionAttributeNames"] |= {f"#{n}": n for n in filters}
            params["ExpressionAttributeValues"] |= {f":{n}": {"S": v} for n, v in filters.items()}
        async with guard():
            found, resume = await paging.query(
                self._db,
                params,
                want=limit + 1,
                start=start,
                max_pages=MAX_LIST_PAGES,
                min_page=FILTERED_PAGE if filters else 0,
            )
        if len(found) > limit:
            # More exist: continue after the last item returned, whatever page it came from.
            last = found[limit - 1]
            names = (k.pk, k.sk, index.hash_key, index.range_key)
            return [self._record(i) for i in found[:limit]], {n: last[n] for n in names}
        return [self._record(i) for i in found], resume

    async def created_before(
        self, status: str, created_before: str, limit: int
    ) -> list[TransferRecord]:
        """Transfers in `status` created before `created_before` (ISO), oldest first, at
        most `limit`: a Query of the by_status index on its sort key, never a Scan."""
        index = self._keys.status
        params = {
            "TableName": self._table,
            "IndexName": index.name,
            "KeyConditionExpression": "#h = :h AND #r < :before",
            "ExpressionAttributeNames": {"#h": index.hash_key, "#r": index.range_key},
            "ExpressionAttributeValues": {
                ":h": {"S": keys.status_key(status)},
                ":before": {"S": created_before},
            },
            "ScanIndexForward": True,
        }
        async with guard():
            found, _ = await paging.query(self._db, params, want=limit)
        return [self._record(i) for i in found]

    async def created_between(self, start: str, end: str, limit: int) -> list[TransferRecord]:
        """Transfers created in [start, end) (ISO), oldest first, at most `limit`: a Query
        of the newest-first index on its sort key (`<created_at>#<id>`), never a Scan."""
        index = self._keys.created
        params = {
            "TableName": self._table,
            "IndexName": index.name,
            "KeyConditionExpression": "#h = :h AND #r BETWEEN :a AND :b",
            "ExpressionAttributeNames": {"#h": index.hash_key, "#r": index.range_key},
            "ExpressionAttributeValues": {
                ":h": {"S": keys.TRANSFER},
                ":a": {"S": start},
                ":b": {"S": end},  # '<end>#id' sorts after '<end>': end is excluded
            },
            "ScanIndexForward": True,
        }
        async with guard():
            found, _ = await paging.query(self._db, params, want=limit)
        return [self._record(i) for i in found]
