"""The older system's request and response shapes (the /v0 API), field for field.

Names are the older API's (camelCase `accessToken` included). Requests refuse unknown
fields like every other body here; LiveKit identities are free text ("Agent A").
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from functions.domain.models import EntityId, Input, LiveKitIdentity, MediaName
from functions.domain.models.room import SayText

CallContext = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
VoiceName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
# The older API's default identity of its AI agent.
DEFAULT_AGENT_IDENTITY = "ai-agent"


_ROOM = "The LiveKit room's name"


class Message(BaseModel):
    message: str = Field(description="The greeting", examples=["Warm Transfer API is running"])


class Healthy(BaseModel):
    status: str = Field("healthy", description="Always healthy when it answers")
    timestamp: float = Field(
        description="The server's time, epoch seconds (a number, as the older API sent it)",
        examples=[1772373909.123],
    )


class AccessToken(BaseModel):
    accessToken: str = Field(  # the older API's field name
        description="The LiveKit access token (a JWT); a secret"
    )


class RoomInfo(BaseModel):
    name: str = Field(description=_ROOM, examples=["call-_+15550100_x1"])
    sid: str = Field(description="LiveKit's id of the room", examples=["RM_xyz"])
    num_participants: int = Field(description="Participants in it now")
    creation_time: int = Field(
        description="When LiveKit created it, epoch seconds", examples=[1772373909]
    )


class Rooms(BaseModel):
    rooms: list[RoomInfo] = Field(description="The rooms in use")


class InitiateRequest(Input):
    call_context: CallContext = Field(description="What the call was about, free text")
    room_name: MediaName | None = Field(
        None, description="The caller's room (service tokens only)", examples=["call-_+15550100_x1"]
    )
    agent_a_identity: LiveKitIdentity | None = Field(
        None, description="The transferring agent's LiveKit identity", examples=["Agent A"]
    )


class Initiated(BaseModel):
    summary: str = Field(description="The briefing as plain text")
    id: str = Field(description="The transfer's id", examples=["t-01HV8Z"])
    room_name: str | None = Field(None, description="The caller's room, as given")
    agent_a_identity: str | None = Field(None, description="Agent A's identity, as given")
    briefing_room_name: str | None = Field(
        None, description="The consult room where agent B hears the briefing (with a room_name)"
    )


class CompleteRequest(Input):
    original_room_name: MediaName = Field(description="The caller's room")
    agent_a_identity: LiveKitIdentity = Field(
        description="The agent who leaves the caller's room", examples=["Agent A"]
    )
    agent_b_identity: LiveKitIdentity = Field(
        description="The agent who stays with the caller", examples=["Agent B"]
    )
    transfer_id: EntityId | None = Field(
        None, description="The transfer to complete (agents: required); without: A only leaves"
    )


class Success(BaseModel):
    success: bool = Field(
        description="Whether it was done (complete-transfer: false when A was not in the room)"
    )
    message: str = Field(description="What happened, in words")


class TransferRecord(BaseModel):
    id: str = Field(description="The transfer's id", examples=["t-01HV8Z"])
    room_name: str = Field(description="The caller's room (`unknown` without one)")
    agent_a: str = Field(description="The transferring agent's identity")
    agent_b: str | None = Field(None, description="The receiving agent's identity")
    summary: str = Field(description="The briefing as plain text")
    call_context: str | None = Field(None, description="The context given at initiate")
    created_at: float = Field(
        description="When it was initiated, epoch seconds (a number, as the older API sent it)",
        examples=[1772373909.123],
    )


class TransferRecords(BaseModel):
    transfers: list[TransferRecord] = Field(description="Transfer records, newest first")


class VoiceRequest(Input):
    prompt: Annotated[str, StringConstraints(min_length=1, max_length=4000)] = Field(
        description="What to answer", examples=["Say hello to the caller"]
    )
    voice: VoiceName | None = Field(None, description="Groq's voice name (else the setting's)")


class AgentStartRequest(Input):
    room_name: MediaName = Field(description=_ROOM)
    identity: LiveKitIdentity | None = Field(
        DEFAULT_AGENT_IDENTITY, description="The identity the AI agent joins under"
    )


class AgentSayRequest(Input):
    room_name: MediaName = Field(description=_ROOM)
    text: SayText = Field(description="What the AI agent says", examples=["One moment please."])


class AgentStopRequest(Input):
    room_name: MediaName = Field(description=_ROOM)
