"""Calls and their transcript turns (one partition per call: the call item, then turns)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from functions.store.base import guard
from functions.store.call_turns import TurnAppends
from functions.store.errors import ItemExists, ItemMissing
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, to_wire


@dataclass(frozen=True)
class CallRecord:
    """A stored call: its attributes (keys stripped) and its turns, oldest first."""

    attributes: dict[str, Any]
    turns: list[dict[str, Any]] = field(default_factory=list)

    @property
    def agents(self) -> list[str]:
        """Agents named on a transfer of this call (sorted)."""
        return list(self.attributes.get("agents", []))

    @property
    def agent(self) -> str | None:
        """The agent on the call now (assigned)."""
        return self.attributes.get("agent")

    @property
    def holders(self) -> list[str]:
        """Receiving agents of accepted transfers of this call (sorted)."""
        return list(self.attributes.get("holders", []))


class CallRepository(TurnAppends):
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
        call["holders"] = sorted(call.get("holders", []))
        return CallRecord(call, turns)

    async def page(
        self, call_id: str, *, after_seq: int, limit: int
    ) -> tuple[CallRecord | None, bool]:
        """The call with up to `limit` turns after `after_seq`, in order, and whether more
        follow (None: no such call)."""
        k, pk = self._keys, keys.call_pk(call_id)
        async with guard():
            got, page = await asyncio.gather(
                self._db.get_item(
                    TableName=self._table, Key=k.key(pk, keys.CALL), ConsistentRead=True
                ),
                self._db.query(
                    TableName=self._table,
                    KeyConditionExpression="#pk = :pk AND #sk BETWEEN :from AND :to",
                    ExpressionAttributeNames={"#pk": k.pk, "#sk": k.sk},
                    ExpressionAttributeValues={
                        ":pk": {"S": pk},
                        ":from": {"S": keys.turn_sk(after_seq + 1)},
                        ":to": {"S": keys.turn_sk(keys.LAST_SEQ)},
                    },
                    ConsistentRead=True,
                    Limit=limit + 1,
                ),
            )
        if "Item" not in got:
            return None, False
        call = k.strip(from_wire(got["Item"]))
        call["agents"] = sorted(call.get("agents", []))
        call["holders"] = sorted(call.get("holders", []))
        turns = [k.strip(from_wire(i)) for i in page["Items"]]
        return CallRecord(call, turns[:limit]), len(turns) > limit

    async def contexts(self, call_ids: list[str]) -> dict[str, str | None]:
        """The free-text context of each call (older clients' call_context), by call id:
        BatchGetItem of those attributes only, never the transcripts."""
        wanted = [self._keys.key(keys.call_pk(c), keys.CALL) for c in dict.fromkeys(call_ids)]
        async with guard():
            items = await paging.batch_get(
                self._db, self._table, wanted, projection="call_id, context"
            )
        return {i["call_id"]: i.get("context") for i in map(from_wire, items)}

    async def assign(
        self, call_id: str, agent: str, *, by: str, at: str, holder: bool = False
    ) -> dict[str, Any]:
        """Put `agent` on the call (who is on it now); the call's attributes after.
        `holder`: note it as holding the call too, in the same update (a completed
        transfer's receiving agent)."""
        update = "SET #agent = :a, assigned_by = :b, assigned_at = :t"
        values = to_wire({":a": agent, ":b": by, ":t": at})
        if holder:
            update += " ADD holders :h"
            values[":h"] = {"SS": [agent]}
        async with guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                    UpdateExpression=update,
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._keys.pk, "#agent": "agent"},
                    ExpressionAttributeValues=values,
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc
        return self._keys.strip(from_wire(out["Attributes"]))

    async def set_callback(self, call_id: str, callback: Mapping[str, Any]) -> None:
        """Record the callback the caller asked for (replacing an earlier one)."""
        async with guard():
            try:
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                    UpdateExpression="SET callback = :c",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._keys.pk},
                    ExpressionAttributeValues=to_wire({":c": dict(callback)}),
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc

    async def set_holder(self, call_id: str, agent: str, *, holds: bool) -> None:
        """Note (or drop) an agent who holds the call through an accepted transfer."""
        async with guard():
            try:
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                    UpdateExpression=f"{'ADD' if holds else 'DELETE'} holders :h",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._keys.pk},
                    ExpressionAttributeValues={":h": {"SS": [agent]}},
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc

    async def transfer_ids(self, call_id: str) -> list[str]:
        """The ids of the call's transfers, oldest first (none for an unknown call)."""
        async with guard():
            got = await self._db.get_item(
                TableName=self._table,
                Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                ProjectionExpression="transfer_ids",
                ConsistentRead=True,
            )
        return [str(t) for t in from_wire(got.get("Item") or {}).get("transfer_ids", [])]

    async def add_agent(self, call_id: str, agent: str) -> None:
        """Note an agent on the call (one that claimed an unassigned transfer of it)."""
        async with guard():
            await self._db.update_item(
                TableName=self._table,
                Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                UpdateExpression="ADD agents :a",
                ConditionExpression="attribute_exists(#pk)",
                ExpressionAttributeNames={"#pk": self._keys.pk},
                ExpressionAttributeValues={":a": {"SS": [agent]}},
            )


async def get_calls_repo() -> CallRepository:
    return await CallRepository.over_shared_client()
