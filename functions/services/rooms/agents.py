"""Who is in a room, and the AI voice agent in it: start, say, stop.

A service may act on any room; a supervisor may see who is in any room; an agent only
on rooms of transfers that name it, by the same rules as its join tokens
(functions/services/rooms/access.py): a consult room by its name, a caller's room with the
transfer's id.
"""

from __future__ import annotations

from functions.domain.actor import Actor
from functions.domain.errors import Conflict, Forbidden
from functions.domain.models import Role
from functions.domain.models.room import ParticipantList, RoomAgent
from functions.livekit import agents
from functions.livekit import rooms as media
from functions.services.rooms import access as room_access
from functions.shared.settings import get_settings


async def _admit(actor: Actor, room: str, transfer_id: str | None, *, reading: bool) -> None:
    media.require_credentials()  # 503 before any lookup when LiveKit is not configured
    if actor.role is Role.service or (reading and actor.role is Role.supervisor):
        return
    if actor.role is not Role.agent:
        raise Forbidden(f"role {actor.role} may not act on LiveKit rooms")
    await room_access.admit(actor, room, transfer_id)


async def participants(actor: Actor, room: str, transfer_id: str | None = None) -> ParticipantList:
    """Who is in `room` now; an unknown (or closed) room has nobody."""
    await _admit(actor, room, transfer_id, reading=True)
    return ParticipantList(room=room, participants=await media.list_participants(room))


def _agent(room: str, dispatches: int, **fields: str | int | None) -> RoomAgent:
    return RoomAgent(
        room=room, agent_name=get_settings().livekit_agent_name, dispatches=dispatches, **fields
    )


async def start(
    actor: Actor, room: str, identity: str | None, transfer_id: str | None = None
) -> RoomAgent:
    """Dispatch the AI agent into `room` (made if missing); once: a room that has the agent
    keeps that one, so a retried start never brings a second agent. Only a service names
    the agent's identity: one an agent chose could be the caller's."""
    if identity is not None and actor.role is not Role.service:
        raise Forbidden("only a service names the AI agent's identity")
    await _admit(actor, room, transfer_id, reading=False)
    existing = await agents.dispatches(room)
    if existing:
        return _agent(room, len(existing), dispatch_id=existing[0])
    await media.create_room(room)
    return _agent(room, 1, dispatch_id=await agents.start(room, identity))


async def say(actor: Actor, room: str, text: str, transfer_id: str | None = None) -> RoomAgent:
    """Have the room's AI agent speak `text`; a 409 when the room has no agent."""
    await _admit(actor, room, transfer_id, reading=False)
    existing = await agents.dispatches(room)
    if not existing:
        raise Conflict(f"room {room} has no AI agent: start one first")
    await agents.say(room, text)
    return _agent(room, len(existing), dispatch_id=existing[0], said=text)


async def stop(actor: Actor, room: str, transfer_id: str | None = None) -> RoomAgent:
    """Remove the AI agent from `room` (`removed`: dispatches deleted; 0 when it had none)."""
    await _admit(actor, room, transfer_id, reading=False)
    removed = await agents.stop(room)
    return _agent(room, 0, removed=removed)
