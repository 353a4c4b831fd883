"""DynamoDB store for calls, transcript turns and transfers (one table, generic keys).

Knows items and conditions, nothing of HTTP. Item layout:
  call      pk=CALL#<call_id>      sk=CALL
  turn      pk=CALL#<call_id>      sk=TURN#<seq:08d>   (a query on pk returns call + turns in order)
  transfer  pk=TRANSFER#<id>       sk=TRANSFER, plus index keys for the inbox, status and
            newest-first lists (created_sk = <created_at>#<id>).
  idempotency  pk=IDEMPOTENCY#<sub>#<key>  sk=IDEMPOTENCY  (+ sk=IDEMPOTENCY#PART#<n> parts)
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager, suppress
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer
from botocore.exceptions import BotoCoreError, ClientError

from functions.domain.errors import ServiceUnavailable
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store import client as dynamodb
from functions.store.schema import AGENT_INBOX, BY_CREATED, BY_STATUS, schema

Item = dict[str, Any]
Key = dict[str, Any]  # a DynamoDB key in wire format, as LastEvaluatedKey gives it

_ser = TypeSerializer()
_de = TypeDeserializer()
TRANSFER_KIND = "TRANSFER"
MAX_APPEND_ATTEMPTS = 5
MAX_LIST_PAGES = 10
# Idempotency records (functions/api/idempotency.py): their status values.
IDEMPOTENCY_IN_PROGRESS = "INPROGRESS"
IDEMPOTENCY_COMPLETED = "COMPLETED"


class StoreError(Exception):
    """Base of the store's own errors (not HTTP: core maps them to domain errors)."""


class ItemExists(StoreError):
    pass


class ItemMissing(StoreError):
    pass


class ConditionFailed(StoreError):
    def __init__(self, current: Item | None) -> None:
        super().__init__("condition failed")
        self.current = current


class StoreUnavailable(ServiceUnavailable):
    def __init__(self) -> None:
        super().__init__("the data store is unavailable; retry shortly", retry_after=2)


def _plain(value: Any) -> Any:
    if isinstance(value, Binary):
        return bytes(value.value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | set):
        return [_plain(v) for v in value]
    return value


def to_wire(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _ser.serialize(v) for k, v in item.items() if v is not None}


def from_wire(item: Mapping[str, Any]) -> Item:
    return {k: _plain(_de.deserialize(v)) for k, v in item.items()}


def _cancelled_by_condition(exc: ClientError) -> list[bool]:
    reasons = exc.response.get("CancellationReasons") or []
    return [r.get("Code") == "ConditionalCheckFailed" for r in reasons]


@asynccontextmanager
async def _guard() -> AsyncIterator[None]:
    """Turn transport failures and exhausted retries into StoreUnavailable."""
    try:
        yield
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if status >= 500 or "Throttl" in code or code == "ProvisionedThroughputExceededException":
            raise StoreUnavailable() from exc
        raise
    except BotoCoreError as exc:  # connection refused, timeouts, ...
        raise StoreUnavailable() from exc


class Store:
    def __init__(self, client: Any, table_name: str) -> None:
        self._db = client
        self._table = table_name
        s = schema()
        self._pk, self._sk = s.hash_key, s.range_key
        self._ttl = s.ttl_attribute
        self._agent = s.index(AGENT_INBOX)
        self._status = s.index(BY_STATUS)
        self._created = s.index(BY_CREATED)
        # Key and bookkeeping attributes: never part of what the store hands back.
        self._hidden = frozenset(
            {self._pk, self._sk, self._agent.hash_key, self._status.hash_key}
            | {self._created.hash_key, self._created.range_key, self._ttl, "entity"}
        )

    # ---- keys ---------------------------------------------------------------------------

    def _key(self, pk: str, sk: str) -> dict[str, Any]:
        return {self._pk: {"S": pk}, self._sk: {"S": sk}}

    @staticmethod
    def _call_pk(call_id: str) -> str:
        return f"CALL#{call_id}"

    @staticmethod
    def _transfer_pk(transfer_id: str) -> str:
        return f"TRANSFER#{transfer_id}"

    @staticmethod
    def _agent_key(agent: str) -> str:
        return f"AGENT#{agent}"

    @staticmethod
    def _status_key(status: str) -> str:
        return f"STATUS#{status}"

    def _strip(self, item: Item) -> Item:
        return {k: v for k, v in item.items() if k not in self._hidden}

    def _transfer_index_keys(self, transfer: Mapping[str, Any]) -> dict[str, Any]:
        return {
            self._agent.hash_key: self._agent_key(transfer["to_agent"])
            if transfer.get("to_agent")
            else None,
            self._status.hash_key: self._status_key(transfer["status"]),
            self._created.hash_key: TRANSFER_KIND,
            self._created.range_key: f"{transfer['created_at']}#{transfer['transfer_id']}",
        }

    # ---- calls and turns ----------------------------------------------------------------

    async def create_call(self, call: Mapping[str, Any], expires_at: int) -> None:
        item = {
            self._pk: self._call_pk(call["call_id"]),
            self._sk: "CALL",
            "entity": "call",
            self._ttl: expires_at,
            **call,
        }
        async with _guard():
            try:
                await self._db.put_item(
                    TableName=self._table,
                    Item=to_wire(item),
                    ConditionExpression="attribute_not_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._pk},
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemExists(call["call_id"]) from exc

    async def get_call(self, call_id: str) -> tuple[Item, list[Item]] | None:
        """The call and its turns in order, or None."""
        call: Item | None = None
        turns: list[Item] = []
        start: Key | None = None
        async with _guard():
            while True:
                page = await self._db.query(
                    TableName=self._table,
                    KeyConditionExpression="#pk = :pk",
                    ExpressionAttributeNames={"#pk": self._pk},
                    ExpressionAttributeValues={":pk": {"S": self._call_pk(call_id)}},
                    ConsistentRead=True,
                    **({"ExclusiveStartKey": start} if start else {}),
                )
                for raw in page["Items"]:
                    item = from_wire(raw)
                    if item["entity"] == "call":
                        call = self._strip(item)
                    else:
                        turns.append(self._strip(item))
                start = page.get("LastEvaluatedKey")
                if not start:
                    break
        if call is None:
            return None
        call["agents"] = sorted(call.get("agents", []))
        call["holders"] = sorted(call.get("holders", []))
        return call, turns

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
        pk = self._call_pk(call_id)
        pending = list(turns)
        async with _guard():
            for _ in range(MAX_APPEND_ATTEMPTS):
                got = await self._db.get_item(
                    TableName=self._table,
                    Key=self._key(pk, "CALL"),
                    ProjectionExpression="turn_count",
                    ConsistentRead=True,
                )
                if "Item" not in got:
                    raise ItemMissing(call_id)
                if not pending:
                    return await self._first_answer(call_id, turns[-1]["turn_id"])
                count = int(got["Item"]["turn_count"]["N"])
                last = count + len(pending)
                writes: list[dict[str, Any]] = [
                    {
                        "Update": {
                            "TableName": self._table,
                            "Key": self._key(pk, "CALL"),
                            "UpdateExpression": "SET turn_count = :new",
                            "ConditionExpression": "turn_count = :old",
                            "ExpressionAttributeValues": {
                                ":old": {"N": str(count)},
                                ":new": {"N": str(last)},
                            },
                        }
                    }
                ]
                marked: list[str] = []  # the turn id of each marker write, in order
                for seq, turn in enumerate(pending, start=count + 1):
                    item = {
                        self._pk: pk,
                        self._sk: f"TURN#{seq:08d}",
                        "entity": "turn",
                        "seq": seq,
                        self._ttl: expires_at,
                        **turn,
                    }
                    writes.append({"Put": {"TableName": self._table, "Item": to_wire(item)}})
                answer = {
                    "answer_added": len(pending),
                    "answer_last_seq": last,
                    self._ttl: expires_at,
                }
                for seq, turn in enumerate(pending, start=count + 1):
                    if turn.get("turn_id"):
                        marker = self._turn_marker(call_id, turn["turn_id"], seq, answer)
                        writes.append({"Put": marker})
                        marked.append(turn["turn_id"])
                try:
                    await self._db.transact_write_items(TransactItems=writes)
                    return len(pending), last
                except self._db.exceptions.TransactionCanceledException as exc:
                    failed = _cancelled_by_condition(exc)
                    if not any(failed):
                        raise
                    repeats = {
                        turn_id
                        for turn_id, hit in zip(marked, failed[1 + len(pending) :], strict=False)
                        if hit
                    }
                    pending = [t for t in pending if t.get("turn_id") not in repeats]
        raise ConditionFailed(None)

    def _turn_marker(
        self, call_id: str, turn_id: str, seq: int, answer: Mapping[str, int]
    ) -> dict[str, Any]:
        """The Put of a turn id's marker: in its own partition, so reading a call never
        reads its markers; it keeps the answer of the append that stored the turn (and
        the turns' TTL)."""
        item = {
            self._pk: f"TURNID#{call_id}#{turn_id}",
            self._sk: "TURNID",
            "entity": "turn_id",
            "seq": seq,
            **answer,
        }
        return {
            "TableName": self._table,
            "Item": to_wire(item),
            "ConditionExpression": "attribute_not_exists(#pk)",
            "ExpressionAttributeNames": {"#pk": self._pk},
        }

    async def _first_answer(self, call_id: str, turn_id: str) -> tuple[int, int]:
        got = await self._db.get_item(
            TableName=self._table,
            Key=self._key(f"TURNID#{call_id}#{turn_id}", "TURNID"),
            ConsistentRead=True,
        )
        marker = from_wire(got.get("Item") or {})
        return int(marker.get("answer_added", 0)), int(marker.get("answer_last_seq", 0))

    async def assign_call(self, call_id: str, agent: str, *, by: str, at: str) -> Item:
        """Put `agent` on the call (who is on it now)."""
        async with _guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(self._call_pk(call_id), "CALL"),
                    UpdateExpression="SET #agent = :a, assigned_by = :b, assigned_at = :t",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._pk, "#agent": "agent"},
                    ExpressionAttributeValues=to_wire({":a": agent, ":b": by, ":t": at}),
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc
        return self._strip(from_wire(out["Attributes"]))

    async def set_call_holder(self, call_id: str, agent: str, *, holds: bool) -> None:
        """Note (or drop) an agent who holds the call through an accepted transfer."""
        async with _guard():
            try:
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(self._call_pk(call_id), "CALL"),
                    UpdateExpression=f"{'ADD' if holds else 'DELETE'} holders :h",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._pk},
                    ExpressionAttributeValues={":h": {"SS": [agent]}},
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(call_id) from exc

    # ---- transfers ----------------------------------------------------------------------

    async def create_transfer(self, transfer: Mapping[str, Any], agents: list[str]) -> None:
        """Store a new transfer and note its agents on the call, in one transaction."""
        item = {
            self._pk: self._transfer_pk(transfer["transfer_id"]),
            self._sk: "TRANSFER",
            "entity": "transfer",
            **self._transfer_index_keys(transfer),
            **transfer,
        }
        call_update: dict[str, Any] = {
            "TableName": self._table,
            "Key": self._key(self._call_pk(transfer["call_id"]), "CALL"),
            "ConditionExpression": "attribute_exists(#pk)",
            "UpdateExpression": "SET last_transfer_id = :t",
            "ExpressionAttributeNames": {"#pk": self._pk},
            "ExpressionAttributeValues": {":t": {"S": transfer["transfer_id"]}},
        }
        if agents:
            call_update["UpdateExpression"] += " ADD agents :a"
            call_update["ExpressionAttributeValues"][":a"] = {"SS": sorted(set(agents))}
        async with _guard():
            try:
                await self._db.transact_write_items(
                    TransactItems=[
                        {
                            "Put": {
                                "TableName": self._table,
                                "Item": to_wire(item),
                                "ConditionExpression": "attribute_not_exists(#pk)",
                                "ExpressionAttributeNames": {"#pk": self._pk},
                            }
                        },
                        {"Update": call_update},
                    ]
                )
            except self._db.exceptions.TransactionCanceledException as exc:
                failed = _cancelled_by_condition(exc)
                if len(failed) > 1 and failed[1]:
                    raise ItemMissing(transfer["call_id"]) from exc
                if failed and failed[0]:
                    raise ItemExists(transfer["transfer_id"]) from exc
                raise

    async def get_transfer(self, transfer_id: str) -> Item | None:
        pk = self._transfer_pk(transfer_id)
        async with _guard():
            got = await self._db.get_item(
                TableName=self._table, Key=self._key(pk, "TRANSFER"), ConsistentRead=True
            )
        return self._strip(from_wire(got["Item"])) if "Item" in got else None

    async def set_transfer_media(self, transfer_id: str, media_status: Mapping[str, Any]) -> Item:
        """Record the outcome of a transfer's LiveKit step. Not a lifecycle move: status,
        version and history stay as they are."""
        async with _guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(self._transfer_pk(transfer_id), "TRANSFER"),
                    UpdateExpression="SET media_status = :m",
                    ConditionExpression="attribute_exists(#pk)",
                    ExpressionAttributeNames={"#pk": self._pk},
                    ExpressionAttributeValues={":m": _ser.serialize(dict(media_status))},
                    ReturnValues="ALL_NEW",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                raise ItemMissing(transfer_id) from exc
        return self._strip(from_wire(out["Attributes"]))

    async def update_transfer(
        self,
        transfer_id: str,
        *,
        expected_status: str,
        expected_version: int,
        changes: Mapping[str, Any],
        history_entry: Mapping[str, Any],
        expires_at: int | None = None,
    ) -> Item:
        """Apply a status change if the transfer is still at (status, version).

        One conditional write; on a lost race raises ConditionFailed with the current item.
        """
        fields = dict(changes)
        if "status" in fields:
            fields[self._status.hash_key] = self._status_key(fields["status"])
        if fields.get("to_agent"):
            fields[self._agent.hash_key] = self._agent_key(fields["to_agent"])
        if expires_at is not None:
            fields[self._ttl] = expires_at
        names = {f"#f{i}": k for i, k in enumerate(fields)}
        values = {f":f{i}": _ser.serialize(v) for i, v in enumerate(fields.values())}
        sets = [f"#f{i} = :f{i}" for i in range(len(fields))]
        sets += ["#version = #version + :one", "#history = list_append(#history, :entry)"]
        names |= {"#status": "status", "#version": "version", "#history": "history"}
        values |= {
            ":expected_status": {"S": expected_status},
            ":expected_version": {"N": str(expected_version)},
            ":one": {"N": "1"},
            ":entry": _ser.serialize([dict(history_entry)]),
        }
        async with _guard():
            try:
                out = await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(self._transfer_pk(transfer_id), "TRANSFER"),
                    UpdateExpression="SET " + ", ".join(sets),
                    ConditionExpression=(
                        "#status = :expected_status AND #version = :expected_version"
                    ),
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                    ReturnValues="ALL_NEW",
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                old = exc.response.get("Item")
                raise ConditionFailed(self._strip(from_wire(old)) if old else None) from exc
        return self._strip(from_wire(out["Attributes"]))

    async def list_transfers(
        self,
        *,
        agent: str | None,
        status: str | None,
        limit: int,
        start: Key | None,
    ) -> tuple[list[Item], Key | None]:
        """Transfers newest first through one GSI (never a Scan), and where to go on.

        The index is the inbox when an agent is given, else the status index, else the
        newest-first index. A status filter on the inbox is a FilterExpression, so pages
        are read until `limit` items are found (bounded by MAX_LIST_PAGES).
        """
        if agent is not None:
            index, hash_value = self._agent, self._agent_key(agent)
        elif status is not None:
            index, hash_value = self._status, self._status_key(status)
        else:
            index, hash_value = self._created, TRANSFER_KIND
        params: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": index.name,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": index.hash_key},
            "ExpressionAttributeValues": {":h": {"S": hash_value}},
            "ScanIndexForward": False,
        }
        if agent is not None and status is not None:
            params["FilterExpression"] = "#status = :status"
            params["ExpressionAttributeNames"]["#status"] = "status"
            params["ExpressionAttributeValues"][":status"] = {"S": status}
        found: list[dict[str, Any]] = []
        cursor = start
        async with _guard():
            for _ in range(MAX_LIST_PAGES):
                page = await self._db.query(
                    **params,
                    Limit=limit + 1 - len(found),
                    **({"ExclusiveStartKey": cursor} if cursor else {}),
                )
                found.extend(page["Items"])
                cursor = page.get("LastEvaluatedKey")
                if len(found) > limit or not cursor:
                    break
        if len(found) > limit:
            # More exist: continue after the last item returned, whatever page it came from.
            last = found[limit - 1]
            keys = (self._pk, self._sk, index.hash_key, index.range_key)
            return [self._strip(from_wire(i)) for i in found[:limit]], {k: last[k] for k in keys}
        return [self._strip(from_wire(i)) for i in found], cursor

    async def transfers_created_before(
        self, status: str, created_before: str, limit: int
    ) -> list[Item]:
        """Transfers in `status` created before `created_before` (ISO), oldest first, at
        most `limit`: a Query of the by_status index on its sort key, never a Scan."""
        found: list[Item] = []
        start: Key | None = None
        async with _guard():
            while len(found) < limit:
                page = await self._db.query(
                    TableName=self._table,
                    IndexName=self._status.name,
                    KeyConditionExpression="#h = :h AND #r < :before",
                    ExpressionAttributeNames={
                        "#h": self._status.hash_key,
                        "#r": self._status.range_key,
                    },
                    ExpressionAttributeValues={
                        ":h": {"S": self._status_key(status)},
                        ":before": {"S": created_before},
                    },
                    ScanIndexForward=True,
                    Limit=limit - len(found),
                    **({"ExclusiveStartKey": start} if start else {}),
                )
                found += [self._strip(from_wire(i)) for i in page["Items"]]
                start = page.get("LastEvaluatedKey")
                if not start:
                    break
        return found

    # ---- idempotency records ------------------------------------------------------------
    # pk=IDEMPOTENCY#<sub>#<key> sk=IDEMPOTENCY (a stored response too large for one item
    # goes in parts: same pk, sk=IDEMPOTENCY#PART#<n:04d>). Subs match ID_PATTERN (no '#').

    @staticmethod
    def _idempotency_pk(sub: str, key: str) -> str:
        return f"IDEMPOTENCY#{sub}#{key}"

    async def claim_idempotency(
        self,
        sub: str,
        key: str,
        *,
        payload_hash: str,
        owner: str,
        locked_until_ms: int,
        expires_at: int,
    ) -> Item | None:
        """Put an in-progress record for the key; None when claimed, else the live record.

        A record past its TTL (DynamoDB deletes lazily) or in progress past its lock (its
        Lambda died) is taken over."""
        now_ms = int(clock.now().timestamp() * 1000)
        item = {
            self._pk: self._idempotency_pk(sub, key),
            self._sk: "IDEMPOTENCY",
            "entity": "idempotency",
            "status": IDEMPOTENCY_IN_PROGRESS,
            "payload_hash": payload_hash,
            "owner": owner,
            "locked_until_ms": locked_until_ms,
            self._ttl: expires_at,
        }
        async with _guard():
            try:
                await self._db.put_item(
                    TableName=self._table,
                    Item=to_wire(item),
                    ConditionExpression=(
                        "attribute_not_exists(#pk) OR #ttl < :now"
                        " OR (#status = :in_progress AND locked_until_ms < :now_ms)"
                    ),
                    ExpressionAttributeNames={
                        "#pk": self._pk,
                        "#ttl": self._ttl,
                        "#status": "status",
                    },
                    ExpressionAttributeValues={
                        ":now": {"N": str(now_ms // 1000)},
                        ":now_ms": {"N": str(now_ms)},
                        ":in_progress": {"S": IDEMPOTENCY_IN_PROGRESS},
                    },
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
                return None
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                old = exc.response.get("Item")
                if old:
                    return from_wire(old)
            # Not returned with the failure (older endpoints): read it.
            got = await self._db.get_item(
                TableName=self._table,
                Key=self._key(self._idempotency_pk(sub, key), "IDEMPOTENCY"),
                ConsistentRead=True,
            )
        return from_wire(got["Item"]) if "Item" in got else None

    async def complete_idempotency(
        self,
        sub: str,
        key: str,
        *,
        owner: str,
        response_status: int,
        content_type: str,
        body: bytes | None,
        parts: list[bytes],
        expires_at: int,
    ) -> None:
        """Store the response on the claimed record (parts first, so a completed record
        never points at missing parts). Does nothing if another request took the key over."""
        pk = self._idempotency_pk(sub, key)
        async with _guard():
            await asyncio.gather(
                *(
                    self._db.put_item(
                        TableName=self._table,
                        Item=to_wire(
                            {
                                self._pk: pk,
                                self._sk: f"IDEMPOTENCY#PART#{n:04d}",
                                "entity": "idempotency_part",
                                "data": part,
                                self._ttl: expires_at,
                            }
                        ),
                    )
                    for n, part in enumerate(parts)
                )
            )
            values: dict[str, Any] = {
                ":completed": {"S": IDEMPOTENCY_COMPLETED},
                ":status_code": {"N": str(response_status)},
                ":content_type": {"S": content_type},
                ":parts": {"N": str(len(parts))},
                ":ttl": {"N": str(expires_at)},
                ":owner": {"S": owner},
            }
            update = (
                "SET #status = :completed, response_status = :status_code,"
                " content_type = :content_type, parts = :parts, #ttl = :ttl"
            )
            if body is not None:
                update += ", body = :body"
                values[":body"] = {"B": body}
            # Taken over after our lock expired: that request answers for the key.
            with suppress(self._db.exceptions.ConditionalCheckFailedException):
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(pk, "IDEMPOTENCY"),
                    UpdateExpression=update + " REMOVE locked_until_ms",
                    ConditionExpression="#owner = :owner",
                    ExpressionAttributeNames={
                        "#status": "status",
                        "#ttl": self._ttl,
                        "#owner": "owner",
                    },
                    ExpressionAttributeValues=values,
                )

    async def release_idempotency(self, sub: str, key: str, *, owner: str) -> None:
        """Delete our in-progress record, so a retry runs afresh."""
        async with _guard():
            with suppress(self._db.exceptions.ConditionalCheckFailedException):
                await self._db.delete_item(
                    TableName=self._table,
                    Key=self._key(self._idempotency_pk(sub, key), "IDEMPOTENCY"),
                    ConditionExpression="#owner = :owner AND #status = :in_progress",
                    ExpressionAttributeNames={"#owner": "owner", "#status": "status"},
                    ExpressionAttributeValues={
                        ":owner": {"S": owner},
                        ":in_progress": {"S": IDEMPOTENCY_IN_PROGRESS},
                    },
                )

    async def idempotency_parts(self, sub: str, key: str) -> list[bytes]:
        """The parts of a stored response, in order."""
        parts: list[bytes] = []
        start: Key | None = None
        async with _guard():
            while True:
                page = await self._db.query(
                    TableName=self._table,
                    KeyConditionExpression="#pk = :pk AND begins_with(#sk, :part)",
                    ExpressionAttributeNames={"#pk": self._pk, "#sk": self._sk},
                    ExpressionAttributeValues={
                        ":pk": {"S": self._idempotency_pk(sub, key)},
                        ":part": {"S": "IDEMPOTENCY#PART#"},
                    },
                    ConsistentRead=True,
                    **({"ExclusiveStartKey": start} if start else {}),
                )
                parts += [bytes(i["data"]["B"]) for i in page["Items"]]
                start = page.get("LastEvaluatedKey")
                if not start:
                    return parts


async def get_store() -> Store:
    """The store over this process's lazily created client."""
    return Store(await dynamodb.client(), get_settings().table_name)
