"""Idempotency records: a claimed key, then the response kept for repeats (Powertools'
semantics; functions/api/middleware/idempotency.py applies them to requests).

A record is in progress while its request runs (locked until `locked_until_ms`), then
completed with the response. The response is kept compressed; one too large for an item
(DynamoDB stops at 400 KB) goes in parts, written before the record points at them.
"""

from __future__ import annotations

import asyncio
import zlib
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from functions.shared import clock
from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, to_wire

IN_PROGRESS = "INPROGRESS"
COMPLETED = "COMPLETED"
PART_BYTES = 300_000  # compressed bytes per item, well under DynamoDB's 400 KB


@dataclass(frozen=True)
class StoredResponse:
    """What a repeat gets back: the outcome code, the body's media type and the body."""

    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class IdempotencyRecord:
    status: str  # IN_PROGRESS or COMPLETED
    payload_hash: str
    response_status: int | None = None
    content_type: str | None = None
    packed_body: bytes | None = None  # compressed body, when it fits in the record
    parts: int = 0  # else the number of parts it is stored in
    owner: str | None = None  # the request holding (or that completed) the key

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> IdempotencyRecord:
        return cls(
            status=str(item.get("status")),
            payload_hash=str(item.get("payload_hash")),
            response_status=item.get("response_status"),
            content_type=item.get("content_type"),
            packed_body=item.get("body"),
            parts=int(item.get("parts") or 0),
            owner=item.get("owner"),
        )


class IdempotencyRepository(Repository):
    def _key(self, sub: str, key: str) -> dict[str, Any]:
        return self._keys.key(keys.idempotency_pk(sub, key), keys.IDEMPOTENCY)

    async def claim(
        self,
        sub: str,
        key: str,
        *,
        payload_hash: str,
        owner: str,
        locked_until_ms: int,
        expires_at: int,
    ) -> IdempotencyRecord | None:
        """Put an in-progress record for the key; None when claimed, else the live record.

        A record past its TTL (DynamoDB deletes lazily) or in progress past its lock (its
        Lambda died) is taken over."""
        k = self._keys
        now_ms = int(clock.now().timestamp() * 1000)
        item = k.item(keys.idempotency_pk(sub, key), keys.IDEMPOTENCY, "idempotency")
        item |= {"status": IN_PROGRESS, "payload_hash": payload_hash, "owner": owner}
        item |= {"locked_until_ms": locked_until_ms, k.ttl: expires_at}
        async with guard():
            try:
                await self._db.put_item(
                    TableName=self._table,
                    Item=to_wire(item),
                    ConditionExpression=(
                        "attribute_not_exists(#pk) OR #ttl < :now"
                        " OR (#status = :in_progress AND locked_until_ms < :now_ms)"
                    ),
                    ExpressionAttributeNames={"#pk": k.pk, "#ttl": k.ttl, "#status": "status"},
                    ExpressionAttributeValues={
                        ":now": {"N": str(now_ms // 1000)},
                        ":now_ms": {"N": str(now_ms)},
                        ":in_progress": {"S": IN_PROGRESS},
                    },
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
                return None
            except self._db.exceptions.ConditionalCheckFailedException as exc:
                old = exc.response.get("Item")
                if old:
                    found = IdempotencyRecord.from_item(from_wire(old))
                    # Our own put landed, its answer was lost and the client retried it:
                    # the key is ours (else the request would wait on itself: 409).
                    return None if found.owner == owner and not found.completed else found
            # Not returned with the failure (older endpoints): read it.
            got = await self._db.get_item(
                TableName=self._table, Key=self._key(sub, key), ConsistentRead=True
            )
        return IdempotencyRecord.from_item(from_wire(got["Item"])) if "Item" in got else None

    async def response(self, sub: str, key: str, record: IdempotencyRecord) -> StoredResponse:
        """The response a completed record keeps (its parts read when it has any)."""
        packed = record.packed_body or b""
        if record.parts:
            packed = b"".join(await self._parts(sub, key))
        return StoredResponse(
            status=record.response_status or 200,
            content_type=str(record.content_type),
            body=zlib.decompress(packed),
        )

    async def _parts(self, sub: str, key: str) -> list[bytes]:
        k = self._keys
        params = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk AND begins_with(#sk, :part)",
            "ExpressionAttributeNames": {"#pk": k.pk, "#sk": k.sk},
            "ExpressionAttributeValues": {
                ":pk": {"S": keys.idempotency_pk(sub, key)},
                ":part": {"S": keys.IDEMPOTENCY_PART_PREFIX},
            },
            "ConsistentRead": True,
        }
        async with guard():
            items, _ = await paging.query(self._db, params)
        return [bytes(i["data"]["B"]) for i in items]

    async def complete(
        self, sub: str, key: str, *, owner: str, response: StoredResponse, expires_at: int
    ) -> None:
        """Keep the response on the claimed record (parts first, so a completed record
        never points at missing parts). Does nothing if another request took the key over."""
        packed = zlib.compress(response.body)
        parts = [packed[i : i + PART_BYTES] for i in range(0, len(packed), PART_BYTES)]
        if len(parts) == 1:
            parts = []  # fits in the record itself
        values: dict[str, Any] = {
            ":completed": {"S": COMPLETED},
            ":status_code": {"N": str(response.status)},
            ":content_type": {"S": response.content_type},
            ":parts": {"N": str(len(parts))},
            ":ttl": {"N": str(expires_at)},
            ":owner": {"S": owner},
        }
        update = (
            "SET #status = :completed, response_status = :status_code,"
            " content_type = :content_type, parts = :parts, #ttl = :ttl"
        )
        if not parts:
            update += ", body = :body"
            values[":body"] = {"B": packed}
        async with guard():
            await self._put_parts(sub, key, parts, expires_at)
            # Taken over after our lock expired: that request answers for the key.
            with suppress(self._db.exceptions.ConditionalCheckFailedException):
                await self._db.update_item(
                    TableName=self._table,
                    Key=self._key(sub, key),
                    UpdateExpression=update + " REMOVE locked_until_ms",
                    ConditionExpression="#owner = :owner",
                    ExpressionAttributeNames={
                        "#status": "status",
                        "#ttl": self._keys.ttl,
                        "#owner": "owner",
                    },
                    ExpressionAttributeValues=values,
                )

    async def _put_parts(self, sub: str, key: str, parts: list[bytes], expires_at: int) -> None:
        k, pk = self._keys, keys.idempotency_pk(sub, key)
        await asyncio.gather(
            *(
                self._db.put_item(
                    TableName=self._table,
                    Item=to_wire(
                        k.item(
                            pk,
                            keys.idempotency_part_sk(n),
                            "idempotency_part",
                            data=part,
                            **{k.ttl: expires_at},
                        )
                    ),
                )
                for n, part in enumerate(parts)
            )
        )

    async def release(self, sub: str, key: str, *, owner: str) -> None:
        """Delete our in-progress record, so a retry runs afresh."""
        async with guard():
            with suppress(self._db.exceptions.ConditionalCheckFailedException):
                await self._db.delete_item(
                    TableName=self._table,
                    Key=self._key(sub, key),
                    ConditionExpression="#owner = :owner AND #status = :in_progress",
                    ExpressionAttributeNames={"#owner": "owner", "#status": "status"},
                    ExpressionAttributeValues={
                        ":owner": {"S": owner},
                        ":in_progress": {"S": IN_PROGRESS},
                    },
                )


async def get_idempotency_repo() -> IdempotencyRepository:
    return await IdempotencyRepository.over_shared_client()
