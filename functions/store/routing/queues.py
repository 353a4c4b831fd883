"""Queues: one item each (their settings, the members that joined by token claim, the
running average time to accept), and the line of transfers waiting in each."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, value
from functions.store.transfers import TransferRecord

# Items read for a queue's line per dispatch: the head of the line is what gets offered.
LINE_READ = 100


class QueueRepository(Repository):
    def _key(self, queue: str) -> dict[str, Any]:
        return self._keys.key(keys.queue_key(queue), keys.QUEUE)

    def _plain(self, wire: Mapping[str, Any]) -> dict[str, Any]:
        return self._keys.strip(from_wire(wire))

    async def put(self, queue: str, settings: Mapping[str, Any], now: str) -> dict[str, Any]:
        """Create or replace the queue's settings; what routing learned (claimed members, the
        average time to accept) and when it was made stay."""
        k = self._keys
        fields = {
            **{n: v for n, v in settings.items() if v is not None},
            "queue": queue,
            "updated_at": now,
            keys.ENTITY: "queue",
            k.created.hash_key: keys.QUEUE,
            k.created.range_key: queue,
        }
        unset = [n for n, v in settings.items() if v is None]
        names = {f"#f{i}": n for i, n in enumerate(fields)} | {"#c": "created_at"}
        names |= {f"#r{i}": n for i, n in enumerate(unset)}
        values = {f":f{i}": value(v) for i, v in enumerate(fields.values())} | {":now": value(now)}
        update = "SET " + ", ".join(f"#f{i} = :f{i}" for i in range(len(fields)))
        update += ", #c = if_not_exists(#c, :now)"
        if unset:
            update += " REMOVE " + ", ".join(f"#r{i}" for i in range(len(unset)))
        async with guard():
            out = await self._db.update_item(
                TableName=self._table,
                Key=self._key(queue),
                UpdateExpression=update,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
                ReturnValues="ALL_NEW",
            )
        return self._plain(out["Attributes"])

    async def get(self, queue: str) -> dict[str, Any] | None:
        async with guard():
            got = await self._db.get_item(TableName=self._table, Key=self._key(queue))
        return self._plain(got["Item"]) if "Item" in got else None

    async def delete(self, queue: str) -> bool:
        """Whether it existed."""
        async with guard():
            out = await self._db.delete_item(
                TableName=self._table, Key=self._key(queue), ReturnValues="ALL_OLD"
            )
        return "Attributes" in out

    async def all(self) -> list[dict[str, Any]]:
        """Every queue, by name (a Query of the by_created index: queues are few)."""
        created = self._keys.created
        params = {
            "TableName": self._table,
            "IndexName": created.name,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": created.hash_key},
            "ExpressionAttributeValues": {":h": {"S": keys.QUEUE}},
        }
        async with guard():
            found, _ = await paging.query(self._db, params)
        return [self._plain(i) for i in found]

    async def add_claimed_member(self, queue: str, agent: str) -> None:
        """An agent whose token names the queue joins it (kept while the queue exists)."""
        async with guard():
            # No such queue (yet): nothing to join; its PUT does not learn of claims made before.
            with suppress(self._db.exceptions.ConditionalCheckFailedException):
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(queue),
                    UpdateExpression="ADD claimed_members :a",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._keys.pk},
                    ExpressionAttributeValues={":a": {"SS": [agent]}},
                )

    async def learn_accept(self, queue: str, average: float, previous: float | None) -> None:
        """Store the new average time to accept if nobody changed it meanwhile (an estimate:
        losing one sample to a race is fine)."""
        condition = "attribute_exists(#pk) AND "
        values: dict[str, Any] = {":avg": {"N": f"{average:.3f}"}}
        if previous is None:
            condition += "attribute_not_exists(avg_accept_seconds)"
        else:
            condition += "avg_accept_seconds = :prev"
            values[":prev"] = {"N": str(previous)}
        async with guard():
            with suppress(self._db.exceptions.ConditionalCheckFailedException):
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(queue),
                    UpdateExpression="SET avg_accept_seconds = :avg",
                    ConditionExpression=condition,
                    ExpressionAttributeNames={"#pk": self._keys.pk},
                    ExpressionAttributeValues=values,
                )

    async def line(self, queue: str, limit: int = LINE_READ) -> list[TransferRecord]:
        """The transfers waiting in the queue, in the order they are offered: priority,
        then how long they have been in this queue."""
        waiting = self._keys.waiting
        params = {
            "TableName": self._table,
            "IndexName": waiting.name,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": waiting.hash_key},
            "ExpressionAttributeValues": {":h": {"S": keys.queue_key(queue)}},
            "ScanIndexForward": True,
        }
        async with guard():
            found, _ = await paging.query(self._db, params, want=limit)
        return [TransferRecord.from_item(self._keys.strip(from_wire(i))) for i in found]

    async def ahead_of(self, queue: str, place: str) -> int:
        """How many transfers wait before the one at `place` (its queue_sk)."""
        waiting = self._keys.waiting
        params = {
            "TableName": self._table,
            "IndexName": waiting.name,
            "KeyConditionExpression": "#h = :h AND #r < :place",
            "ExpressionAttributeNames": {"#h": waiting.hash_key, "#r": waiting.range_key},
            "ExpressionAttributeValues": {
                ":h": {"S": keys.queue_key(queue)},
                ":place": {"S": place},
            },
            "Select": "COUNT",
        }
        total, start = 0, None
        async with guard():
            while True:
                page = await self._db.query(
                    **params, **({"ExclusiveStartKey": start} if start else {})
                )
                total += page["Count"]
                start = page.get("LastEvaluatedKey")
                if not start:
                    return total


async def get_queues_repo() -> QueueRepository:
    return await QueueRepository.over_shared_client()
