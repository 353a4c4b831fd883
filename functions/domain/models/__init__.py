"""Request, response and domain models (pydantic). Field limits here are the API's limits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Field descriptions and examples are the API reference's (docs/openapi.json): say what a
# field is to a client, and whether a time is an ISO 8601 string or epoch seconds.

# Ids travel in paths, keys and logs: a strict pattern keeps them inert everywhere.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$"
EntityId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
TURN_MAX_CHARS = 4000
TurnText = Annotated[str, StringConstraints(min_length=1, max_length=TURN_MAX_CHARS)]
ReasonText = Annotated[str, StringConstraints(max_length=1000)]
# LiveKit room names and identities: SIP rooms carry phone numbers ("call-_+15550100_x1").
MEDIA_NAME_PATTERN = r"^[A-Za-z0-9_+][A-Za-z0-9_.:@+=-]{0,127}$"
MediaName = Annotated[str, StringConstraints(pattern=MEDIA_NAME_PATTERN, max_length=128)]
# A LiveKit identity is free text in LiveKit and in the older clients ("Agent A"): any
# printable characters, spaces included, not blank.
LIVEKIT_IDENTITY_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
LiveKitIdentity = Annotated[
    str, StringConstraints(pattern=LIVEKIT_IDENTITY_PATTERN, max_length=128)
]
# Every time this API answers (but /v0's) is UTC ISO 8601 with microseconds (shared/clock.iso).
Timestamp = Annotated[
    str, Field(json_schema_extra={"format": "date-time"}, examples=["2026-03-01T14:05:09.123456Z"])
]


class Input(BaseModel):
    """Base of request bodies: unknown fields are refused, so typos do not vanish silently."""

    model_config = ConfigDict(extra="forbid")


class Role(StrEnum):
    """Who a token's holder is: the voice pipeline (service), a human agent, a supervisor."""

    service = "service"
    agent = "agent"
    supervisor = "supervisor"


class Speaker(StrEnum):
    """Who said a turn: the caller, the human agent, or the AI voice agent."""

    caller = "caller"
    agent = "agent"
    ai = "ai"


class TransferStatus(StrEnum):
    """Where a transfer is in its lifecycle: initiated -> accepted -> completed, or
    cancelled (from initiated or accepted), expired (initiated, nobody accepted in time), or
    abandoned (the caller hung up first)."""

    initiated = "initiated"
    accepted = "accepted"
    completed = "completed"
    cancelled = "cancelled"
    expired = "expired"
    abandoned = "abandoned"


class Health(BaseModel):
    status: Literal["ok"] = Field("ok", description="Always ok when it answers")
    version: str = Field(description="The API's version", examples=["0.1.0"])
    function: str = Field(description="The function that answered", examples=["health"])
