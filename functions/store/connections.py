"""WebSocket connections (API Gateway): one item per open socket, found by agent.

Item: pk=CONNECTION#<connection_id> sk=CONNECTION, with
  socket_pk   AGENT#<sub> for an agent, SUPERVISORS for a supervisor (the `sockets` index),
  kind_pk     CONNECTION (the `by_created` index: every open socket, for unassigned transfers),
  created_sk  <connected_at>#<connection_id>,
  expires_at  TTL: API Gateway closes any socket after 2 h, so a record whose $disconnect
              never came ages out; reads skip records past it (TTL deletes lazily).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store import client as dynamodb
from functions.store.repository import _guard, from_wire, to_wire
from functions.store.schema import BY_CREATED, SOCKETS, schema

CONNECTION_KIND = "CONNECTION"
SUPERVISORS = "SUPERVISORS"


@dataclass(frozen=True)
class Connection:
    connection_id: str
    sub: str
    role: str
    # The Management API endpoint that reaches this socket (https://<domain>/<stage>).
    endpoint: str


class Connections:
    def __init__(self, client: Any, table_name: str) -> None:
        self._db = client
        self._table = table_name
        s = schema()
        self._pk, self._sk, self._ttl = s.hash_key, s.range_key, s.ttl_attribute
        self._sockets = s.index(SOCKETS)
        self._all = s.index(BY_CREATED)

    def _key(self, connection_id: str) -> dict[str, Any]:
        return {self._pk: {"S": f"CONNECTION#{connection_id}"}, self._sk: {"S": "CONNECTION"}}

    @staticmethod
    def _socket_key(sub: str, role: str) -> str:
        return SUPERVISORS if role == "supervisor" else f"AGENT#{sub}"

    async def add(self, connection: Connection, expires_at: int) -> None:
        connected_at = clock.iso(clock.now())
        item = {
            **{k: v["S"] for k, v in self._key(connection.connection_id).items()},
            "entity": "connection",
            "connection_id": connection.connection_id,
            "sub": connection.sub,
            "role": connection.role,
            "endpoint": connection.endpoint,
            "connected_at": connected_at,
            self._sockets.hash_key: self._socket_key(connection.sub, connection.role),
            self._all.hash_key: CONNECTION_KIND,
            self._all.range_key: f"{connected_at}#{connection.connection_id}",
            self._ttl: expires_at,
        }
        async with _guard():
            await self._db.put_item(TableName=self._table, Item=to_wire(item))

    async def remove(self, connection_id: str) -> None:
        async with _guard():
            await self._db.delete_item(TableName=self._table, Key=self._key(connection_id))

    async def _query(self, index: str, hash_key: str, value: str) -> list[Connection]:
        found: list[Connection] = []
        start: dict[str, Any] | None = None
        now = int(clock.now().timestamp())
        async with _guard():
            while True:
                page = await self._db.query(
                    TableName=self._table,
                    IndexName=index,
                    KeyConditionExpression="#h = :h",
                    FilterExpression="#ttl > :now",
                    ExpressionAttributeNames={"#h": hash_key, "#ttl": self._ttl},
                    ExpressionAttributeValues={":h": {"S": value}, ":now": {"N": str(now)}},
                    **({"ExclusiveStartKey": start} if start else {}),
                )
                for raw in page["Items"]:
                    item = from_wire(raw)
                    found.append(
                        Connection(
                            item["connection_id"], item["sub"], item["role"], item["endpoint"]
                        )
                    )
                start = page.get("LastEvaluatedKey")
                if not start:
                    return found

    async def of_agents(self, agents: Iterable[str]) -> list[Connection]:
        """Open sockets of these agents and of every supervisor."""
        keys = [f"AGENT#{a}" for a in sorted(set(agents))] + [SUPERVISORS]
        pages = await asyncio.gather(
            *(self._query(self._sockets.name, self._sockets.hash_key, key) for key in keys)
        )
        return [c for page in pages for c in page]

    async def everyone(self) -> list[Connection]:
        """Every open socket (agents and supervisors)."""
        return await self._query(self._all.name, self._all.hash_key, CONNECTION_KIND)


async def get_connections() -> Connections:
    return Connections(await dynamodb.client(), get_settings().table_name)


def connection_expiry() -> int:
    """The TTL of a connection opened now."""
    return int(clock.now().timestamp()) + get_settings().websocket_connection_ttl_seconds
