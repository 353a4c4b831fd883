"""Appending a call's transcript turns: the seqs reserved by one counter update, the turns
put by one transaction (one put alone: a plain conditional put, half the units), client
turn ids kept so a retried append is answered, not redone. CallRepository (store/calls.py)
takes these from here."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from functions.store.base import Repository, guard
from functions.store.errors import Erased, ItemMissing, TurnLimitReached
from functions.store.table import keys
from functions.store.table.codec import from_wire, to_wire
from functions.store.table.retry import CONFLICT, Backoff, cancellation_codes


class TurnAppends(Repository):
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
                    if len(puts) == 1:  # one turn, no id: a plain put bills half the units
                        await self._db.put_item(**puts[0]["Put"])
                    else:
                        await self._db.transact_write_items(TransactItems=puts)
                    return len(pending), seqs[-1]
                except self._db.exceptions.ConditionalCheckFailedException as exc:
                    raise Erased(call_id) from exc  # the one turn's seq holds a placeholder
                except self._db.exceptions.TransactionConflictException:
                    pass  # an erasure's transaction holds the turn: wait, as below
                except self._db.exceptions.TransactionCanceledException as exc:
                    codes = cancellation_codes(exc)
                    if "ConditionalCheckFailed" in codes[: len(pending)]:
                        raise Erased(call_id) from exc  # its turns' seqs hold placeholders
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
                        "attribute_exists(#pk) AND attribute_not_exists(erased_at) AND"
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
                if "erased_at" in old:
                    raise Erased(call_id) from exc
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
            # Absent, always, unless the call was erased meanwhile (its placeholder is there).
            put = {
                "TableName": self._table,
                "Item": to_wire({**item, **turn}),
                "ConditionExpression": "attribute_not_exists(#pk)",
                "ExpressionAttributeNames": {"#pk": k.pk},
            }
            puts.append({"Put": put})
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
