"""Webhook subscriptions: pk=WEBHOOK#<webhook_id> sk=WEBHOOK, listed newest first through
the by_created index (kind_pk=WEBHOOK). The signing secret is stored on the item and
handed out only by `get` (for signing) and at creation; `list` leaves it out."""

from __future__ import annotations

from typing import Any

from functions.shared.settings import get_settings
from functions.store import client as dynamodb
from functions.store.repository import _guard, from_wire, to_wire
from functions.store.schema import BY_CREATED, schema

WEBHOOK_KIND = "WEBHOOK"
MAX_WEBHOOKS = 1000  # one page bound for the publisher's read; a call centre has a few


class Webhooks:
    def __init__(self, client: Any, table_name: str) -> None:
        self._db = client
        self._table = table_name
        s = schema()
        self._pk, self._sk = s.hash_key, s.range_key
        self._all = s.index(BY_CREATED)
        self._hidden = {self._pk, self._sk, self._all.hash_key, self._all.range_key, "entity"}

    def _key(self, webhook_id: str) -> dict[str, Any]:
        return {self._pk: {"S": f"WEBHOOK#{webhook_id}"}, self._sk: {"S": "WEBHOOK"}}

    def _strip(self, item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if k not in self._hidden}

    async def add(self, webhook: dict[str, Any]) -> None:
        item = {
            **{k: v["S"] for k, v in self._key(webhook["webhook_id"]).items()},
            "entity": "webhook",
            self._all.hash_key: WEBHOOK_KIND,
            self._all.range_key: f"{webhook['created_at']}#{webhook['webhook_id']}",
            **webhook,
        }
        async with _guard():
            await self._db.put_item(TableName=self._table, Item=to_wire(item))

    async def get(self, webhook_id: str) -> dict[str, Any] | None:
        """The subscription with its secret, or None."""
        async with _guard():
            got = await self._db.get_item(
                TableName=self._table, Key=self._key(webhook_id), ConsistentRead=True
            )
        return self._strip(from_wire(got["Item"])) if "Item" in got else None

    async def remove(self, webhook_id: str) -> bool:
        """Delete; False if there was none."""
        async with _guard():
            out = await self._db.delete_item(
                TableName=self._table, Key=self._key(webhook_id), ReturnValues="ALL_OLD"
            )
        return "Attributes" in out

    async def all(self) -> list[dict[str, Any]]:
        """Every subscription, newest first, without secrets."""
        found: list[dict[str, Any]] = []
        start: dict[str, Any] | None = None
        async with _guard():
            while len(found) < MAX_WEBHOOKS:
                page = await self._db.query(
                    TableName=self._table,
                    IndexName=self._all.name,
                    KeyConditionExpression="#h = :h",
                    ExpressionAttributeNames={"#h": self._all.hash_key},
                    ExpressionAttributeValues={":h": {"S": WEBHOOK_KIND}},
                    ScanIndexForward=False,
                    **({"ExclusiveStartKey": start} if start else {}),
                )
                found += [self._strip(from_wire(i)) for i in page["Items"]]
                start = page.get("LastEvaluatedKey")
                if not start:
                    break
        for item in found:
            item.pop("secret", None)
        return found


async def get_webhooks() -> Webhooks:
    return Webhooks(await dynamodb.client(), get_settings().table_name)
