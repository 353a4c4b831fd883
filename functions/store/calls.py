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
    def agent(self) -> str | None:
        """The agent on the call now (assigned)."""
        return self.attributes.get("agent")

    @property
    def holders(self) -> list[str]:
        """Receiving agents of accepted transfers of this call (sorted)."""
        return list(self.attributes.get("holders", []))


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
        call["holders"] = sorted(call.get("holders", []))
        return CallRecord(call, turns)

    async def append_turns(
        self, call_id: str, turns: list[Mapping[str, Any]], expires_at: int
    ) -> tuple[int, int]:
        """Append turns after the call's last one, atomically; returns (turns added, last seq).

        The call's turn_count and the new turn items change in one transaction that is
        conditional on the count read, so concurrent appends never share a seq. A turn with
        a `turn_id` also puts a marker (conditional on its absence) in that transaction: a
        turn id already stored is left out, and a request of repeats only answers what the
        append that stored them answered.
        """
        pending = list(turns)
        async with guard():
            for _ in range(MAX_APPEND_ATTEMPTS):
                count = await self._turn_count(call_id)
                if not pending:
                    return await self._first_answer(call_id, turns[-1]["turn_id"])
                writes = self._append_writes(call_id, count, pending, expires_at)
                marked = [t["turn_id"] for t in pending if t.get("turn_id")]
                try:
                    await self._db.transact_write_items(TransactItems=writes)
                    return len(pending), count + len(pending)
                except self._db.exceptions.TransactionCanceledException as exc:
                    failed = cancelled_by_condition(exc)
                    if not any(failed):
                        raise
                    # The markers come last, in the order of `marked`.
                    hits = failed[len(writes) - len(marked) :]
                    repeats = {t for t, hit in zip(marked, hits, strict=False) if hit}
                    pending = [t for t in pending if t.get("turn_id") not in repeats]
        raise ConditionFailed(None)

    async def _first_answer(self, call_id: str, turn_id: str) -> tuple[int, int]:
        got = await self._db.get_item(
            TableName=self._table,
            Key=self._keys.key(keys.turn_id_pk(call_id, turn_id), keys.TURN_ID),
            ConsistentRead=True,
        )
        marker = from_wire(got.get("Item") or {})
        return int(marker.get("answer_added", 0)), int(marker.get("answer_last_seq", 0))

    async def assign(self, call_id: str, agent: str, *, by: str, at: str) -> dict[str, Any]:
        """Put `agent` on the call (who is on it now); the call's attributes after."""
        async with guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                    UpdateExpression="SET #agent = :a, assigned_by = :b, assigned_at = :t",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._keys.pk, "#agent": "agent"},
                    ExpressionAttributeValues=to_wire({":a": agent, ":b": by, ":t": at}),
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc
        return self._keys.strip(from_wire(out["Attributes"]))

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
        """The transaction: move turn_count from `count` on, put each new turn, then a
        marker per client turn id (conditional: absent), keeping this append's answer."""
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
        answer = {"answer_added": len(turns), "answer_last_seq": count + len(turns)}
        for seq, turn in enumerate(turns, start=count + 1):
            if not turn.get("turn_id"):
                continue
            marker_pk = keys.turn_id_pk(call_id, turn["turn_id"])
            marker = k.item(marker_pk, keys.TURN_ID, "turn_id", seq=seq, **answer)
            put = {
                "TableName": self._table,
                "Item": to_wire({**marker, k.ttl: expires_at}),
                "ConditionExpression": "attribute_not_exists(#pk)",
                "ExpressionAttributeNames": {"#pk": k.pk},
            }
            writes.append({"Put": put})
        return writes


async def get_calls_repo() -> CallRepository:
    return await CallRepository.over_shared_client()
