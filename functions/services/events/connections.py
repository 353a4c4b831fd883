"""Agents' WebSocket connections: who may open one, and what their messages get back."""

from __future__ import annotations

import json
import logging

from functions.domain.actor import Actor
from functions.domain.errors import Forbidden, TooManyRequests, Unauthorized
from functions.domain.models import Role
from functions.services import presence
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.connections import Connection, ConnectionRepository

log = logging.getLogger("warm_transfer.events")
MAY_CONNECT = frozenset({Role.agent, Role.supervisor})
# API Gateway opens a socket only once its $connect answered, which may take up to its
# 29 s integration timeout; until then a post to it answers 410 like a closed one.
CONNECTING_SECONDS = 30


def management_endpoint(domain_name: str, stage: str) -> str:
    """Where post_to_connection reaches this socket."""
    return get_settings().websocket_management_url or f"https://{domain_name}/{stage}"


def connection_expiry() -> int:
    """The TTL of a connection opened now."""
    return int(clock.now().timestamp()) + get_settings().websocket_connection_ttl_seconds


async def connect(
    actor: Actor | None,
    connection_id: str,
    endpoint: str,
    *,
    token_expires_at: int | None = None,
) -> None:
    """Record the socket of an agent or supervisor; anyone else is refused. The record
    ages out (and no event reaches the socket) when its token expires, if before the
    connection's own TTL: a socket keeps no access its token no longer gives."""
    if actor is None:
        raise Unauthorized("missing token (the `token` query parameter)")
    if actor.role not in MAY_CONNECT:
        raise Forbidden(f"role {actor.role} may not open an event socket")
    repo = await ConnectionRepository.over_shared_client()
    limit = get_settings().websocket_max_per_person
    if actor.role is Role.agent and len(await repo.of_agent(actor.sub)) >= limit:
        raise TooManyRequests(f"at most {limit} open sockets per person: close one first")
    connection = Connection(connection_id, actor.sub, str(actor.role), endpoint)
    ends = connection_expiry()
    if token_expires_at is not None:
        ends = min(ends, token_expires_at)
    await repo.add(connection, ends)
    await presence.connected(actor, connection_id)


def still_connecting(connection: Connection) -> bool:
    """Whether `connection` may still be in its $connect: recorded, not yet open. A 410 for
    it means "not yet", not "gone": the stream can bring an event (its own coming online)
    before API Gateway opens the socket, and forgetting it then would leave an open
    console offline. A socket that did close is forgotten by its $disconnect, or by a
    410 after this window."""
    if connection.connected_at is None:
        return False
    age = clock.now() - clock.parse(connection.connected_at)
    return age.total_seconds() < CONNECTING_SECONDS


async def disconnect(connection_id: str) -> None:
    connections = await ConnectionRepository.over_shared_client()
    gone = await connections.remove(connection_id)
    if gone is not None and gone.role == Role.agent:
        await presence.disconnected(gone.sub, connection_id)


def reply(body: str | None) -> str | None:
    """The answer to a client's message: pong to a ping, nothing to anything else."""
    try:
        message = json.loads(body or "")
    except (ValueError, RecursionError):
        # Not JSON, or nested deeper than the parser goes: ignored, in one line of log.
        log.info("websocket frame ignored: not a message")
        return None
    if isinstance(message, dict) and message.get("action") == "ping":
        return json.dumps({"type": "pong"})
    return None
