"""Calls and their transcript turns (one partition per call: the call item, then turns)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from functions.store.base import Repository, guard
from functions.store.errors import ItemExists, ItemMissing, TurnLimitReached
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, to_wire
from functions.store.table.retry import CONFLICT, Backoff, cancellation_codes


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

    async def append_turns(
        self, call_id: str, turns: list[Mapping[str, Any]], expires_at: int, max_turns: int
    ) -> tuple[int, int]:
        """Append turns after the call's last one; returns (turns added, last seq).

        One atomic counter update reserves the seqs (DynamoDB serialises updates of one
        item, so concurrent appends never share a seq and never retry each other), then
        one transaction puts the turns, all or none. A failure in between leaves a gap in
        the seqs, never a lost or doubled turn. TurnLimitReached past `max_turns`.
        A turn with a client `turn_id` is put with a marker, conditional on its absence:
        turn ids already stored are left out (before reserving, and again if a concurrent
        append stored one meanwhile), and a request of repeats only answers what the
        append that stored them answered.
        """
        async with guard():
            backoff = Backoff()  # until store_retry_seconds or the deadline: then 503
            pending = await self._unseen(call_id, turns)
            if not pending:
                return await self._first_answer(call_id, turns[-1]["turn_id"])
            last = await self._reserve(call_id, len(pending), max_turns, backoff)
            seqs = list(range(last - len(pending) + 1, last + 1))
            while True:
                puts = self._turn_puts(call_id, seqs, pending, expires_at)
                try:
                    await self._db.transact_write_items(TransactItems=puts)
                    return len(pending), seqs[-1]
                except self._db.exceptions.TransactionCanceledException as exc:
                    codes = cancellation_codes(exc)
                    # The markers follow the turns, in the order of the turns with ids.
                    marked = [t["turn_id"] for t in pending if t.get("turn_id")]
                    hits = zip(marked, codes[len(pending) :], strict=False)
                    stored = {i for i, code in hits if code == "ConditionalCheckFailed"}
                    if stored:  # a concurrent append stored these first: their seqs stay gaps
                        kept = [
                            (q, t)
                            for q, t in zip(seqs, pending, strict=True)
                            if t.get("turn_id") not in stored
                        ]
                        if not kept:
                            return await self._first_answer(call_id, turns[-1]["turn_id"])
                        seqs, pending = [q for q, _ in kept], [t for _, t in kept]
                        continue
                    if CONFLICT not in codes:
                        raise
                await backoff.pause()

    async def _unseen(
        self, call_id: str, turns: list[Mapping[str, Any]]
    ) -> list[Mapping[str, Any]]:
        """The turns whose client turn id is not stored yet (and those without one)."""
        ids = [t["turn_id"] for t in turns if t.get("turn_id")]
        found = await asyncio.gather(*(self._marker(call_id, i) for i in ids))
        stored = {i for i, marker in zip(ids, found, strict=True) if marker}
        return [t for t in turns if t.get("turn_id") not in stored]

    async def _marker(self, call_id: str, turn_id: str) -> dict[str, Any]:
        got = await self._db.get_item(
            TableName=self._table,
            Key=self._keys.key(keys.turn_id_pk(call_id, turn_id), keys.TURN_ID),
            ConsistentRead=True,
        )
        return from_wire(got.get("Item") or {})

    async def _first_answer(self, call_id: str, turn_id: str) -> tuple[int, int]:
        marker = await self._marker(call_id, turn_id)
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

    async def _reserve(self, call_id: str, count: int, max_turns: int, backoff: Backoff) -> int:
        """Add `count` to the call's turn_count if it stays within `max_turns`; the new
        count. A TransactionConflict (an initiate's transaction holds the call) waits."""
        while True:
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                    UpdateExpression="ADD turn_count :n",
                    ConditionExpression=(
                        "attribute_exists(#pk) AND"
                        " (attribute_not_exists(turn_count) OR turn_count <= :room)"
                    ),
                    ExpressionAttributeNames={"#pk": self._keys.pk},
                    ExpressionAttributeValues={
                        ":n": {"N": str(count)},
                        ":room": {"N": str(max_turns - count)},
                    },
                    ReturnValues="UPDATED_NEW",
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
                return int(out["Attributes"]["turn_count"]["N"])
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                old = exc.response.get("Item")
                if not old:
                    raise ItemMissing(call_id) from exc
                raise TurnLimitReached(int(old.get("turn_count", {}).get("N", 0))) from exc
            except self._db.exceptions.TransactionConflictException:
                await backoff.pause()

    def _turn_puts(
        self, call_id: str, seqs: list[int], turns: list[Mapping[str, Any]], expires_at: int
    ) -> list[dict[str, Any]]:
        """Each turn's put, then a marker per client turn id (conditional: absent) that
        keeps this append's answer."""
        k, pk = self._keys, keys.call_pk(call_id)
        puts = []
        for seq, turn in zip(seqs, turns, strict=True):
            item = k.item(pk, keys.turn_sk(seq), "turn", seq=seq, **{k.ttl: expires_at})
            puts.append({"Put": {"TableName": self._table, "Item": to_wire({**item, **turn})}})
        answer = {"answer_added": len(turns), "answer_last_seq": seqs[-1], k.ttl: expires_at}
        for seq, turn in zip(seqs, turns, strict=True):
            if turn.get("turn_id"):
                marker_pk = keys.turn_id_pk(call_id, turn["turn_id"])
                marker = k.item(marker_pk, keys.TURN_ID, "turn_id", seq=seq, **answer)
                put = {
                    "TableName": self._table,
                    "Item": to_wire(marker),
                    "ConditionExpression": "attribute_not_exists(#pk)",
                    "ExpressionAttributeNames": {"#pk": k.pk},
                }
                puts.append({"Put": put})
        return puts

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
