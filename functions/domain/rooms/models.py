"""Models of who is in a LiveKit room and of the AI agent in it (new API and /v0 alike)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from functions.domain.models import EntityId, Input, LiveKitIdentity, MediaName, ShortText

SayText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Participant(BaseModel):
    identity: str
    name: str | None = None
    metadata: str | None = None


class ParticipantList(BaseModel):
    room: str
    participants: list[Participant]


class StartAgentRequest(Input):
    """POST /rooms/{room}/agent: the identity the agent joins under (else the worker's own)."""

    identity: LiveKitIdentity | None = None


class SayRequest(Input):
    """POST /rooms/{room}/agent/say"""

    text: SayText


class RoomAgent(BaseModel):
    """The AI agent of a room after a start, say or stop."""

    room: str
    agent_name: str
    # Dispatches of the agent in the room after the call (0 after a stop).
    dispatches: int
    dispatch_id: str | None = None
    said: str | None = None
    removed: int | None = None  # after a stop: the dispatches deleted


class CreateTokenRequest(Input):
    """POST /token. Agents joining a caller's room name the transfer that lets them."""

    room: MediaName
    identity: LiveKitIdentity | None = None
    name: ShortText | None = None
    transfer_id: EntityId | None = None


class LegacyToken(BaseModel):
    """GET /get-token, the older API's shape."""

    accessToken: str  # camelCase: the older API's field name


class LiveKitRoom(BaseModel):
    name: str
    sid: str
    num_participants: int
    num_publishers: int
    empty_timeout: int
    created_at: str | None = None
    transfer_id: str | None = None  # set for a transfer's consult room


class RoomList(BaseModel):
    rooms: list[LiveKitRoom]
