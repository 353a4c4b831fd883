"""The audit of reads: one item per read of a call's transcript or a transfer's briefing by
a person, under the call's own partition key (AUDIT#<call_id>), sorted by time, aged out by
TTL (AUDIT_RETENTION_DAYS)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, to_wire

AUDIT_ENTITY = "audit"


class AuditRepository(Repository):
    async def record(self, read: Mapping[str, Any], expires_at: int) -> None:
        """One read (its own item: 50 reads at once are 50 items, never a lost update)."""
        k = self._keys
        read_id = uuid.uuid4().hex  # the event's id (call.read) too
        sort = f"{read['when']}#{read_id}"
        item = k.item(keys.audit_pk(read["call_id"]), sort, AUDIT_ENTITY, **{k.ttl: expires_at})
        item |= {**read, "read_id": read_id}
        async with guard():
            await self._db.put_item(TableName=self._table, Item=to_wire(item))

    async def page(
        self, call_id: str, limit: int, start: paging.Key | None
    ) -> tuple[list[dict[str, Any]], paging.Key | None]:
        """The call's reads, newest first, a page of `limit`, and where the next begins."""
        params = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk",
            "ExpressionAttributeNames": {"#pk": self._keys.pk},
            "ExpressionAttributeValues": {":pk": {"S": keys.audit_pk(call_id)}},
            "ScanIndexForward": False,
        }
        async with guard():
            found, after = await paging.query(self._db, params, want=limit, start=start)
        return [self._keys.strip(from_wire(i)) for i in found], after


async def get_audit_repo() -> AuditRepository:
    return await AuditRepository.over_shared_client()
