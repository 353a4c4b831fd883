"""Models of who is in a LiveKit room and of the AI agent in it (new API and /v0 alike)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from functions.domain.models import Input, LiveKitIdentity

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
