"""Receipts of outside events applied once (LiveKit webhooks, by their id): a conditional
put each, aged out by TTL after the sender's retries are long over."""

from __future__ import annotations

from functions.store.base import Repository, guard
from functions.store.table.codec import to_wire

RECEIPT = "RECEIPT"


class ReceiptRepository(Repository):
    async def first_time(self, source: str, event_id: str, expires_at: int) -> bool:
        """Record the event; False when it was recorded before (a redelivery)."""
        k = self._keys
        item = k.item(f"{RECEIPT}#{source}#{event_id}", RECEIPT, "receipt")
        item[k.ttl] = expires_at
        async with guard():
            try:
                await self._db.put_item(
                    TableName=self._table,
                    Item=to_wire(item),
                    ConditionExpression="attribute_not_exists(#pk)",
                    ExpressionAttributeNames={"#pk": k.pk},
                )
            except self._db.exceptions.ConditionalCheckFailedException:
                return False
        return True


async def get_receipts_repo() -> ReceiptRepository:
    return await ReceiptRepository.over_shared_client()
