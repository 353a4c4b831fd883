"""Transfers: one item each, with index keys for the inbox, status and newest-first lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from functions.store.base import guard
from functions.store.errors import ConditionFailed, ItemExists, ItemMissing
from functions.store.table import keys
from functions.store.table.codec import to_wire, value
from functions.store.table.retry import CONDITION_FAILED, CONFLICT, Backoff, cancellation_codes
from functions.store.transfer_records import TransferLists, TransferRecord


class TransferRepository(TransferLists):
    def _key(self, transfer_id: str) -> dict[str, Any]:
        return self._keys.key(keys.transfer_pk(transfer_id), keys.TRANSFER)

    async def create(self, transfer: Mapping[str, Any], agents: list[str]) -> None:
        """Store a new transfer and note its agents on the call, in one transaction."""
        k = self._keys
        item = k.item(keys.transfer_pk(transfer["transfer_id"]), keys.TRANSFER, "transfer")
        item |= {**k.transfer_index(transfer), **transfer}
        call_update: dict[str, Any] = {
            "TableName": self._table,
            "Key": k.key(keys.call_pk(transfer["call_id"]), keys.CALL),
            # An erased call takes no transfer (its briefing would hold what was erased).
            "ConditionExpression": "attribute_exists(#pk) AND attribute_not_exists(erased_at)",
            # transfer_ids: the call's transfers in order (who has the caller now).
            "UpdateExpression": "SET last_transfer_id = :t,"
            " transfer_ids = list_append(if_not_exists(transfer_ids, :none), :ts)",
            "ExpressionAttributeNames": {"#pk": k.pk},
            "ExpressionAttributeValues": {
                ":t": {"S": transfer["transfer_id"]},
                ":ts": {"L": [{"S": transfer["transfer_id"]}]},
                ":none": {"L": []},
            },
        }
        if agents:
            call_update["UpdateExpression"] += " ADD agents :a"
            call_update["ExpressionAttributeValues"][":a"] = {"SS": sorted(set(agents))}
        put = {
            "TableName": self._table,
            "Item": to_wire(item),
            "ConditionExpression": "attribute_not_exists(#pk)",
            "ExpressionAttributeNames": {"#pk": k.pk},
        }
        async with guard():
            backoff = Backoff()
            while True:
                try:
                    await self._db.transact_write_items(
                        TransactItems=[{"Put": put}, {"Update": call_update}]
                    )
                    return
                except self._db.exceptions.TransactionCanceledException as exc:
                    codes = cancellation_codes(exc)
                    if codes[1:2] == [CONDITION_FAILED]:
                        raise ItemMissing(transfer["call_id"]) from exc
                    if codes[:1] == [CONDITION_FAILED]:
                        raise ItemExists(transfer["transfer_id"]) from exc
                    if CONFLICT not in codes:
                        raise
                # A conflict with another transaction on the call (an append's): the same
                # writes again, so the briefing already written is kept, not redone.
                await backoff.pause()

    async def get(self, transfer_id: str) -> TransferRecord | None:
        async with guard():
            got = await self._db.get_item(
                TableName=self._table, Key=self._key(transfer_id), ConsistentRead=True
            )
        return self._record(got["Item"]) if "Item" in got else None

    async def set_media(self, transfer_id: str, media_status: Mapping[str, Any]) -> TransferRecord:
        """Record the outcome of a transfer's LiveKit step. Not a lifecycle move: status,
        version and history stay as they are."""
        async with guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(transfer_id),
                    UpdateExpression="SET media_status = :m",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._keys.pk},
                    ExpressionAttributeValues={":m": value(dict(media_status))},
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(transfer_id) from exc
        return self._record(out["Attributes"])

    async def update(
        self,
        transfer_id: str,
        *,
        expected_status: str,
        expected_version: int,
        changes: Mapping[str, Any],
        history_entry: Mapping[str, Any] | None,
        expires_at: int | None = None,
        removes: Sequence[str] = (),
        offered_to: str | None = None,
        leave_line: bool = False,
    ) -> TransferRecord:
        """Apply a change if the transfer is still at (status, version) (and, with
        `offered_to`, still offered to that agent). `history_entry`: a status change's.

        One conditional write; on a lost race raises ConditionFailed with the current record.
        """
        update, names, values = self.update_expression(
            transfer_id, changes, history_entry, expires_at, removes, leave_line=leave_line
        )
        condition = "#status = :expected_status AND #version = :expected_version"
        values |= {
            ":expected_status": {"S": expected_status},
            ":expected_version": {"N": str(expected_version)},
        }
        if offered_to is not None:
            condition += " AND contains(#offered_to, :offered_agent)"
            names["#offered_to"] = "offered_to"
            values[":offered_agent"] = {"S": offered_to}
        async with guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(transfer_id),
                    UpdateExpression=update,
                    ConditionExpression=condition,
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                    ReturnValues="ALL_NEW",
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                old = exc.response.get("Item")
                raise ConditionFailed(self._record(old) if old else None) from exc
        return self._record(out["Attributes"])

    def update_expression(
        self,
        transfer_id: str,
        changes: Mapping[str, Any],
        history_entry: Mapping[str, Any] | None,
        expires_at: int | None,
        removes: Sequence[str] = (),
        *,
        leave_line: bool = False,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        """The update, its names and values: the changes with their index keys, the next
        version, the history entry appended, `removes` removed. A transfer leaving
        `initiated` (or `leave_line`) leaves its queue's line; one entering a queue takes its
        place in it."""
        k = self._keys
        fields = dict(changes)
        gone = list(removes)
        if leave_line:  # out of its queue's line while still initiated (being moved out)
            gone += [k.waiting.hash_key, k.waiting.range_key]
        if "status" in fields:
            fields[k.status.hash_key] = keys.status_key(fields["status"])
            if fields["status"] != "initiated" and not leave_line:
                gone += [k.waiting.hash_key, k.waiting.range_key]
        if "queue" in fields:
            fields |= k.waiting_index({**fields, "transfer_id": transfer_id, "status": "initiated"})
        if fields.get("to_agent"):
            fields[k.agent.hash_key] = keys.agent_key(fields["to_agent"])
        if expires_at is not None:
            fields[k.ttl] = expires_at
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        values = {f":f{i}": value(v) for i, v in enumerate(fields.values())}
        sets = [f"#f{i} = :f{i}" for i in range(len(fields))]
        sets.append("#version = #version + :one")
        names |= {"#status": "status", "#version": "version"}
        values[":one"] = {"N": "1"}
        if history_entry is not None:
            sets.append("#history = list_append(#history, :entry)")
            names["#history"] = "history"
            values[":entry"] = value([dict(history_entry)])
        names |= {f"#r{i}": name for i, name in enumerate(gone)}
        remove = f" REMOVE {', '.join(f'#r{i}' for i in range(len(gone)))}" if gone else ""
        return "SET " + ", ".join(sets) + remove, names, values


async def get_transfers_repo() -> TransferRepository:
    return await TransferRepository.over_shared_client()
