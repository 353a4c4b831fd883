"""Webhook subscriptions, listed newest first through the by_created index (keys in
store/keys.py). The signing secret is stored on the item and handed out only by `get`
(for signing); `all` leaves it out."""

from __future__ import annotations

from typing import Any

from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, to_wire

MAX_PAGES = 10  # a call centre has a few subscriptions; this bounds the publisher's read


class WebhookRepository(Repository):
    def _key(self, webhook_id: str) -> dict[str, Any]:
        return self._keys.key(keys.webhook_pk(webhook_id), keys.WEBHOOK)

    async def add(self, webhook: dict[str, Any]) -> None:
        k = self._keys
        item = k.item(keys.webhook_pk(webhook["webhook_id"]), keys.WEBHOOK, "webhook")
        item |= {
            k.created.hash_key: keys.WEBHOOK,
            k.created.range_key: f"{webhook['created_at']}#{webhook['webhook_id']}",
            **webhook,
        }
        async with guard():
            await self._db.put_item(TableName=self._table, Item=to_wire(item))

    async def get(self, webhook_id: str) -> dict[str, Any] | None:
        """The subscription with its secret, or None."""
        async with guard():
            got = await self._db.get_item(
                TableName=self._table, Key=self._key(webhook_id), ConsistentRead=True
            )
        return self._keys.strip(from_wire(got["Item"])) if "Item" in got else None

    async def remove(self, webhook_id: str) -> bool:
        """Delete; False if there was none."""
        async with guard():
            out = await self._db.delete_item(
                TableName=self._table, Key=self._key(webhook_id), ReturnValues="ALL_OLD"
            )
        return "Attributes" in out

    async def all(self) -> list[dict[str, Any]]:
        """Every subscription, newest first, without secrets."""
        created = self._keys.created
        params = {
            "TableName": self._table,
            "IndexName": created.name,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": created.hash_key},
            "ExpressionAttributeValues": {":h": {"S": keys.WEBHOOK}},
            "ScanIndexForward": False,
        }
        async with guard():
            found, _ = await paging.query(self._db, params, max_pages=MAX_PAGES)
        items = [self._keys.strip(from_wire(i)) for i in found]
        return [{k: v for k, v in i.items() if k != "secret"} for i in items]
