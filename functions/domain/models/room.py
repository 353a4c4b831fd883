"""Models of who is in a LiveKit room and of the AI agent in it (new API and /v0 alike)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from functions.domain.models import (
    EntityId,
    Input,
    LiveKitIdentity,
    MediaName,
    ShortText,
    Timestamp,
)


class JoinToken(BaseModel):
    """A LiveKit join token: connect to `url` with `token` before `expires_at`."""

    token: str = Field(description="The LiveKit access token (a JWT); a secret")
    url: str = Field(description="The LiveKit server to connect to", examples=["wss://lk.example"])
    expires_at: Timestamp = Field(description="When the token stops admitting")
    room: str = Field(description="The room it admits to", examples=["consult-t-1"])
    identity: str = Field(description="The identity it joins under", examples=["bob"])


class MediaStatus(BaseModel):
    """Outcome of a transfer's last LiveKit step (open: consult room, handoff, close)."""

    # not_in_room: the hand-off found the first agent's identity already out of the caller's room.
    state: Literal["ok", "failed", "not_in_room"] = Field(
        description="ok; failed (repeat the move to retry); not_in_room: the hand-off found "
        "the first agent already out of the caller's room"
    )
    step: Literal["open", "handoff", "close"] = Field(
        description="open: the consult room; handoff: the caller to the receiving agent; "
        "close: the consult room closed"
    )
    error: str | None = Field(None, description="What failed, when it did")
    at: Timestamp = Field(description="When the step last ran")
    attempts: int = Field(1, description="How many times the step ran")


SayText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Participant(BaseModel):
    identity: str = Field(description="The participant's LiveKit identity", examples=["bob"])
    name: str | None = Field(None, description="Its display name")
    metadata: str | None = Field(None, description="Its LiveKit metadata, as set by its token")


class ParticipantList(BaseModel):
    room: str = Field(description="The room", examples=["consult-t-1"])
    participants: list[Participant] = Field(
        description="Who is in it (none for a closed or unknown room)"
    )


class StartAgentRequest(Input):
    """POST /rooms/{room}/agent: the identity the agent joins under (else the worker's own)."""

    identity: LiveKitIdentity | None = Field(
        None, description="The identity the AI agent joins under (else the worker's own)"
    )


class SayRequest(Input):
    """POST /rooms/{room}/agent/say"""

    text: SayText = Field(description="What the AI agent says", examples=["One moment please."])


class RoomAgent(BaseModel):
    """The AI agent of a room after a start, say or stop."""

    room: str = Field(description="The room", examples=["consult-t-1"])
    agent_name: str = Field(description="The agent worker's name (LIVEKIT_AGENT_NAME)")
    dispatches: int = Field(description="The agent's dispatches in the room now (0 after a stop)")
    dispatch_id: str | None = Field(None, description="The dispatch, after a start")
    said: str | None = Field(None, description="The text sent, after a say")
    removed: int | None = Field(None, description="After a stop: the dispatches deleted")


class CreateTokenRequest(Input):
    """POST /token. Agents joining a caller's room name the transfer that lets them."""

    room: MediaName = Field(description="The room to join", examples=["consult-t-1"])
    identity: LiveKitIdentity | None = Field(
        None, description="The identity to join under (an agent: its own; default its id)"
    )
    name: ShortText | None = Field(
        None, description="The display name (an agent's is its id)", examples=["Bob"]
    )
    transfer_id: EntityId | None = Field(
        None, description="The transfer that admits an agent to a caller's room"
    )


class LegacyToken(BaseModel):
    """GET /get-token, the older API's shape."""

    accessToken: str = Field(  # camelCase: the older API's field name
        description="The LiveKit access token (a JWT); a secret"
    )


class LiveKitRoom(BaseModel):
    name: str = Field(description="The room's name", examples=["consult-t-1"])
    sid: str = Field(description="LiveKit's id of the room", examples=["RM_xyz"])
    num_participants: int = Field(description="Participants in it now")
    num_publishers: int = Field(description="Participants publishing media now")
    empty_timeout: int = Field(description="Seconds an empty room stays open")
    created_at: Timestamp | None = Field(None, description="When LiveKit created it")
    transfer_id: str | None = Field(
        None, description="The transfer whose consult room this is, if it is one"
    )


class RoomList(BaseModel):
    rooms: list[LiveKitRoom] = Field(description="The rooms in use")
