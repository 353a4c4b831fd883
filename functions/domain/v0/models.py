"""The older system's request and response shapes (the /v0 API), field for field.

Names are the older API's (camelCase `accessToken` included). Requests refuse unknown
fields like every other body here; LiveKit identities are free text ("Agent A").
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from functions.domain.models import EntityId, Input, LiveKitIdentity, MediaName
from functions.domain.rooms.models import SayText

CallContext = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
VoiceName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
# The older API's default identity of its AI agent.
DEFAULT_AGENT_IDENTITY = "ai-agent"


class Message(BaseModel):
    message: str


class Healthy(BaseModel):
    status: str = "healthy"
    timestamp: float


class AccessToken(BaseModel):
    accessToken: str  # the older API's field name


class RoomInfo(BaseModel):
    name: str
    sid: str
    num_participants: int
    creation_time: int  # epoch seconds


class Rooms(BaseModel):
    rooms: list[RoomInfo]


class InitiateRequest(Input):
    call_context: CallContext
    room_name: MediaName | None = None
    agent_a_identity: LiveKitIdentity | None = None


class Initiated(BaseModel):
    summary: str
    id: str
    room_name: str | None = None
    agent_a_identity: str | None = None
    briefing_room_name: str | None = None


class CompleteRequest(Input):
    original_room_name: MediaName
    agent_a_identity: LiveKitIdentity
    agent_b_identity: LiveKitIdentity
    transfer_id: EntityId | None = None


class Success(BaseModel):
    success: bool
    message: str


class TransferRecord(BaseModel):
    id: str
    room_name: str
    agent_a: str
    agent_b: str | None = None
    summary: str
    call_context: str | None = None
    created_at: float  # epoch seconds


class TransferRecords(BaseModel):
    transfers: list[TransferRecord]


class VoiceRequest(Input):
    prompt: Annotated[str, StringConstraints(min_length=1, max_length=4000)]
    voice: VoiceName | None = None


class AgentStartRequest(Input):
    room_name: MediaName
    identity: LiveKitIdentity | None = DEFAULT_AGENT_IDENTITY


class AgentSayRequest(Input):
    room_name: MediaName
    text: SayText


class AgentStopRequest(Input):
    room_name: MediaName
