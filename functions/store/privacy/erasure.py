"""Erasing a call: one conditional update marks the call erased and removes what it holds
of the caller (and from then on no turn and no transfer can be added: their writes are
conditional on the mark's absence); every turn's item is then overwritten by a placeholder
with no content, and every transfer's briefing by an erased one. The call item stays as
the tombstone (who, when, counts)."""

from __future__ import annotations

from typing import Any

from functions.store.base import Repository, guard
from functions.store.errors import ItemMissing
from functions.store.table import keys
from functions.store.table.codec import from_wire, to_wire

# What a call item holds of the caller: removed by the mark.
CALLER_FIELDS = ("caller", "metadata", "context", "callback", "caller_identity")
BATCH = 25  # BatchWriteItem's limit
ERASED_BRIEFING = {"headline": "[erased]", "reason": "[erased]", "spoken": "[erased]"}


class ErasureRepository(Repository):
    async def mark(
        self, call_id: str, tombstone: dict[str, Any], expires_at: int
    ) -> dict[str, Any]:
        """Mark the call erased (the first mark stays: a repeat changes nothing); the call's
        attributes after, with `turn_count` (every seq a turn can have) and `transfer_ids`."""
        k = self._keys
        names = {"#pk": k.pk, "#ttl": k.ttl}
        names |= {f"#c{i}": field for i, field in enumerate(CALLER_FIELDS)}
        names |= {f"#{name}": name for name in tombstone}
        values = {f":{name}": value for name, value in tombstone.items()} | {":ttl": expires_at}
        sets = [f"#{name} = if_not_exists(#{name}, :{name})" for name in tombstone]
        update = "SET " + ", ".join([*sets, "#ttl = :ttl"])
        update += " REMOVE " + ", ".join(f"#c{i}" for i in range(len(CALLER_FIELDS)))
        async with guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=k.key(keys.call_pk(call_id), keys.CALL),
                    UpdateExpression=update,
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=to_wire(values),
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc
        return k.strip(from_wire(out["Attributes"]))

    async def count(self, call_id: str, turns: int, transfers: int) -> None:
        """The tombstone's counts (what the erasure found)."""
        async with guard():
            await self._db.update_item(
                TableName=self._table,
                Key=self._keys.key(keys.call_pk(call_id), keys.CALL),
                UpdateExpression="SET erased_turns = :n, erased_transfers = :m",
                ExpressionAttributeValues=to_wire({":n": turns, ":m": transfers}),
            )

    async def blank_turns(self, call_id: str, last_seq: int, expires_at: int) -> int:
        """Overwrite every turn seq 1..last_seq with a placeholder holding nothing said: a
        turn written before the mark is erased, and one still in flight cannot land (turn
        puts are conditional on their key's absence). How many seqs."""
        k, pk = self._keys, keys.call_pk(call_id)
        placeholders = [
            to_wire(k.item(pk, keys.turn_sk(seq), "erased_turn", seq=seq, **{k.ttl: expires_at}))
            for seq in range(1, last_seq + 1)
        ]
        async with guard():
            for start in range(0, len(placeholders), BATCH):
                requests = [
                    {"PutRequest": {"Item": i}} for i in placeholders[start : start + BATCH]
                ]
                pending: dict[str, Any] = {self._table: requests}
                while pending:  # unprocessed items are put again
                    out = await self._db.batch_write_item(RequestItems=pending)
                    pending = out.get("UnprocessedItems") or {}
        return len(placeholders)

    async def blank_briefing(self, transfer_id: str) -> tuple[bool, str | None]:
        """Replace a transfer's briefing (and what the fact check recorded of it, and the
        reason given) with an erased one: (whether there was such a transfer, its consult
        room). The version stays: this is not a move, and no event tells it."""
        k = self._keys
        async with guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=k.key(keys.transfer_pk(transfer_id), keys.TRANSFER),
                    UpdateExpression="SET briefing = :b, briefing_erased = :t"
                    " REMOVE briefing_corrections, reason",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": k.pk},
                    ExpressionAttributeValues=to_wire({":b": ERASED_BRIEFING, ":t": True}),
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException:
                return False, None
        return True, from_wire(out["Attributes"]).get("consult_room")


async def get_erasure_repo() -> ErasureRepository:
    return await ErasureRepository.over_shared_client()
