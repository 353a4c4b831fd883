"""WebSocket connections (API Gateway): one item per open socket, found by agent.

Keys in store/keys.py. The TTL (expires_at) ages out a record whose $disconnect never
came (API Gateway closes any socket after 2 h); reads skip records past it, as DynamoDB's
TTL deletes lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from functions.shared import clock
from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, to_wire
from functions.store.table.schema import SOCKETS, schema


@dataclass(frozen=True)
class Connection:
    connection_id: str
    sub: str
    role: str
    # The Management API endpoint that reaches this socket (https://<domain>/<stage>).
    endpoint: str
    connected_at: str | None = None  # ISO time its $connect recorded it


def _connection(item: dict[str, Any]) -> Connection:
    return Connection(
        item["connection_id"], item["sub"], item["role"], item["endpoint"], item.get("connected_at")
    )


class ConnectionRepository(Repository):
    def _key(self, connection_id: str) -> dict[str, Any]:
        return self._keys.key(keys.connection_pk(connection_id), keys.CONNECTION)

    async def add(self, connection: Connection, expires_at: int) -> None:
        k, sockets = self._keys, schema().index(SOCKETS)
        connected_at = clock.iso(clock.now())
        item = k.item(keys.connection_pk(connection.connection_id), keys.CONNECTION, "connection")
        item |= {
            "connection_id": connection.connection_id,
            "sub": connection.sub,
            "role": connection.role,
            "endpoint": connection.endpoint,
            "connected_at": connected_at,
            sockets.hash_key: keys.socket_key(connection.sub, connection.role),
            k.created.hash_key: keys.CONNECTION,
            k.created.range_key: f"{connected_at}#{connection.connection_id}",
            k.ttl: expires_at,
        }
        async with guard():
            await self._db.put_item(TableName=self._table, Item=to_wire(item))

    async def remove(self, connection_id: str) -> Connection | None:
        """Forget the socket; what it was (None: already gone)."""
        async with guard():
            out = await self._db.delete_item(
                TableName=self._table, Key=self._key(connection_id), ReturnValues="ALL_OLD"
            )
        old = from_wire(out["Attributes"]) if "Attributes" in out else None
        return None if old is None else _connection(old)

    async def _open(self, index: str, hash_key: str, value: str) -> list[Connection]:
        now = int(clock.now().timestamp())
        params = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": "#h = :h",
            "FilterExpression": "#ttl > :now",
            "ExpressionAttributeNames": {"#h": hash_key, "#ttl": self._keys.ttl},
            "ExpressionAttributeValues": {":h": {"S": value}, ":now": {"N": str(now)}},
        }
        async with guard():
            found, _ = await paging.query(self._db, params)
        return [_connection(from_wire(i)) for i in found]

    async def of_agent(self, agent: str) -> list[Connection]:
        """This agent's open sockets (not the supervisors')."""
        sockets = schema().index(SOCKETS)
        return await self._open(sockets.name, sockets.hash_key, keys.agent_key(agent))

    async def supervisors(self) -> list[Connection]:
        """Every supervisor's open sockets."""
        sockets = schema().index(SOCKETS)
        return await self._open(sockets.name, sockets.hash_key, keys.SUPERVISORS)

    async def everyone(self) -> list[Connection]:
        """Every open socket (agents and supervisors)."""
        created = self._keys.created
        return await self._open(created.name, created.hash_key, keys.CONNECTION)
