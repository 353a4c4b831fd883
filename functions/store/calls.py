"""Calls and their transcript turns (one partition per call: the call item, then turns)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from functions.store import keys, paging
from functions.store.base import Repository, cancelled_by_condition, guard
from functions.store.codec import from_wire, to_wire
from functions.store.errors import ConditionFailed, ItemExists, ItemMissing

MAX_APPEND_ATTEMPTS = 5


@dataclass(frozen=True)
class CallRecord:
    """A stored call: its attributes (keys stripped) and its turns, oldest first."""

    attributes: dict[str, Any]
    turns: list[dict[str, Any]] = field(default_factory=list)

    @property
    def agents(self) -> list[str]:
        """Agents named on a transfer of this call (sorted): who may read it."""
        return list(self.attributes.get("agents", []))


class CallRepository(Repository):
    async def create(self, call: Mapping[str, Any], expires_at: int) -> None:
        k = self._keys
        item = k.item(keys.call_pk(call["call_id"]), keys.CALL, "call", **{k.ttl: expires_at})
        async with guard():
            try:
                await self._db.put_item(
                    TableName=self._table,
                    Item=to_wire({**item, **call}),
                    ConditionExpression="attribute_not_exists(#pk)",
                    ExpressionAttributeNames={"#pk": k.pk},
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemExists(call["call_id"]) from exc

    async def get(self, call_id: str) -> CallRecord | None:
        """The call and its turns in order, or None."""
        params = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk",
            "ExpressionAttributeNames": {"#pk": self._keys.pk},
            "ExpressionAttributeValues": {":pk": {"S": keys.call_pk(call_id)}},
            "ConsistentRead": True,
        }
        async with guard():
            raw, _ = await paging.query(self._db, params)
        call: dict[str, Any] | None = None
        turns: list[dict[str, Any]] = []
        for item in map(from_wire, raw):
            if item[keys.ENTITY] == "call":
                call = self._keys.strip(item)
            else:
                turns.append(self._keys.strip(item))
        if call is None:
            return None
        call["agents"] = sorted(call.get("agents", []))
        return CallRecord(call, turns)

    async def append_turns(
        self, call_id: str, turns: list[Mapping[str, Any]], expires_at: int
    ) -> int:
        """Append turns after the call's last one, atomically; returns the new last seq.

        The call's turn_count and the new turn items change in one transaction that is
        conditional on the count read, so concurrent appends never share a seq.
        """
        async with guard():
            for _ in range(MAX_APPEND_ATTEMPTS):
                count = await self._turn_count(call_id)
                writes = self._append_writes(call_id, count, turns, expires_at)
                try:
                    await self._db.transact_write_items(TransactItems=writes)
                    return count + len(turns)
                except self._db.exceptions.TransactionCanceledException as exc:
                    if not any(cancelled_by_condition(exc)):
                        raise
        raise ConditionFailed(None)

    async def _turn_count(self, call_id: str) -> int:
        got = await self._db.get_item(
            TableName=self._table,
            Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
            ProjectionExpression="turn_count",
            ConsistentRead=True,
        )
        if "Item" not in got:
            raise ItemMissing(call_id)
        return int(got["Item"]["turn_count"]["N"])

    def _append_writes(
        self, call_id: str, count: int, turns: list[Mapping[str, Any]], expires_at: int
    ) -> list[dict[str, Any]]:
        """The transaction: move turn_count from `count` on, and put each new turn."""
        k, pk = self._keys, keys.call_pk(call_id)
        writes: list[dict[str, Any]] = [
            {
                "Update": {
                    "TableName": self._table,
                    "Key": k.key(pk, keys.CALL),
                    "UpdateExpression": "SET turn_count = :new",
                    "ConditionExpression": "turn_count = :old",
                    "ExpressionAttributeValues": {
                        ":old": {"N": str(count)},
                        ":new": {"N": str(count + len(turns))},
                    },
                }
            }
        ]
        for seq, turn in enumerate(turns, start=count + 1):
            item = k.item(pk, keys.turn_sk(seq), "turn", seq=seq, **{k.ttl: expires_at})
            writes.append({"Put": {"TableName": self._table, "Item": to_wire({**item, **turn})}})
        return writes


async def get_calls_repo() -> CallRepository:
    return await CallRepository.over_shared_client()
