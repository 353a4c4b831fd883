"""Request, response and domain models (pydantic). Field limits here are the API's limits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
    cancelled (from initiated or accepted), or expired (initiated, nobody accepted in time)."""

    initiated = "initiated"
    accepted = "accepted"
    completed = "completed"
    cancelled = "cancelled"
    expired = "expired"


# ---- briefing --------------------------------------------------------------------------


class Customer(BaseModel):
    """The customer details the call contains."""

    name: str | None = Field(None, description="The caller's name", examples=["Dana"])
    phone: str | None = Field(None, description="A phone number said", examples=["555-0100"])
    account: str | None = Field(None, description="An account number said", examples=["AC-991"])


# Read aloud to the agent: under 20 seconds of speech.
SPOKEN_MAX_WORDS = 60
SPOKEN_MAX_CHARS = 600


class Briefing(BaseModel):
    """What the receiving agent gets before taking the caller."""

    headline: Annotated[str, StringConstraints(max_length=200)] = Field(
        description="The call in one line", examples=["Double charge on account AC-991"]
    )
    reason: Annotated[str, StringConstraints(max_length=1000)] = Field(
        description="Why the caller needs a person"
    )
    customer: Customer = Field(default_factory=Customer, description="Who the caller is")
    sentiment: Literal["positive", "neutral", "negative", "upset"] = Field(
        "neutral", description="How the caller feels"
    )
    key_facts: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=10, description="What the agent should know"
    )
    next_steps: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=10, description="What the agent should do"
    )
    # Kept to SPOKEN_MAX_WORDS by llm.prompts.cap_spoken.
    spoken: Annotated[str, StringConstraints(max_length=SPOKEN_MAX_CHARS)] = Field(
        description="The briefing to read aloud to the agent (at most 60 words)"
    )


class BriefingCorrection(BaseModel):
    """One change the fact check made to an LLM briefing: a number, email or amount the
    call does not contain was removed, or a fact the call holds was added back."""

    action: Literal["removed", "added"] = Field(description="What the fact check did")
    kind: str = Field(
        description="id, phone, email, amount, name, date, or a reference kind (order, ...)",
        examples=["phone"],
    )
    value: str = Field(description="The value removed or added", examples=["555-0199"])
    where: str = Field(
        description="The briefing field: headline, reason, customer.account, key_facts, ...",
        examples=["key_facts"],
    )


# A BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW"): the language a briefing is written in.
LanguageTag = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", max_length=35)
]


# ---- LiveKit ---------------------------------------------------------------------------


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


# ---- transfers -------------------------------------------------------------------------


class InitiateTransferRequest(Input):
    """POST /initiate-transfer: `call_id`, or `call_context` for clients of the older API."""

    call_id: EntityId | None = Field(
        None, description="The call to transfer (or call_context)", examples=["c1"]
    )
    call_context: Annotated[str, StringConstraints(min_length=1, max_length=20000)] | None = Field(
        None, description="Free-text context instead of a call (older clients)"
    )
    to_agent: EntityId | None = Field(
        None,
        description="The receiving agent (required with call_id); without: any agent may claim it",
        examples=["bob"],
    )
    from_agent: EntityId | None = Field(
        None, description="The transferring agent (an agent: itself)", examples=["alice"]
    )
    reason: ReasonText | None = Field(
        None, description="Why the transfer, in words", examples=["billing dispute"]
    )
    caller_room: MediaName | None = Field(
        None,
        description="The caller's LiveKit room (services only; else the call's metadata "
        "`caller_room`)",
        examples=["call-_+15550100_x1"],
    )
    from_identity: LiveKitIdentity | None = Field(
        None,
        description="The transferring agent's LiveKit identity (default its id); the hand-off "
        "removes it from the caller's room",
    )
    to_identity: LiveKitIdentity | None = Field(
        None, description="The receiving agent's LiveKit identity (default its id)"
    )
    briefing_language: LanguageTag | None = Field(
        None,
        description="BCP 47 tag of the briefing's language (else BRIEFING_DEFAULT_LANGUAGE)",
        examples=["en", "pt-BR"],
    )

    @model_validator(mode="after")
    def _one_source(self) -> InitiateTransferRequest:
        if (self.call_id is None) == (self.call_context is None):
            raise ValueError("give exactly one of call_id or call_context")
        if self.call_id is not None and self.to_agent is None:
            raise ValueError("to_agent is required with call_id")
        return self


class HistoryEntry(BaseModel):
    """One change of a transfer's status."""

    status: TransferStatus = Field(description="The status it moved to")
    by: str = Field(description="Who moved it (a subject id; `system` for an expiry)")
    at: Timestamp = Field(description="When")


class Transfer(BaseModel):
    transfer_id: str = Field(description="The transfer's id", examples=["t-01HV8Z"])
    call_id: str = Field(description="The call transferred", examples=["c1"])
    status: TransferStatus = Field(description="Where it is in its lifecycle")
    from_agent: str | None = Field(None, description="The transferring agent", examples=["alice"])
    to_agent: str | None = Field(
        None, description="The receiving agent (none: any agent may claim it)", examples=["bob"]
    )
    reason: str | None = Field(None, description="Why the transfer, as given")
    briefing: Briefing = Field(description="The receiving agent's briefing of the call")
    briefing_provider: str = Field(
        description="Who wrote the briefing: groq or offline", examples=["offline"]
    )
    briefing_fallback_reason: str | None = Field(
        None,
        description="Why offline wrote it: `<reason>: <detail>`",
        examples=["not_configured: GROQ_API_KEY is not set"],
    )
    transcript_language: str | None = Field(
        None, description="The language the caller spoke, detected (und: unknown)", examples=["en"]
    )
    briefing_language: str | None = Field(
        None, description="The language the briefing is written in", examples=["en"]
    )
    briefing_corrections: list[BriefingCorrection] = Field(
        default_factory=list, description="What the fact check changed in an LLM briefing"
    )
    created_at: Timestamp = Field(description="When it was initiated")
    updated_at: Timestamp = Field(description="When it last changed")
    version: int = Field(description="Bumped by every change", examples=[1])
    history: list[HistoryEntry] = Field(description="Every status change, oldest first")
    consult_room: str | None = Field(
        None, description="The agents' LiveKit consult room (LiveKit configured)"
    )
    caller_room: str | None = Field(None, description="The caller's LiveKit room")
    media_status: MediaStatus | None = Field(None, description="The last LiveKit step's outcome")
    from_identity: str | None = Field(
        None, description="The transferring agent's LiveKit identity (none on older records)"
    )
    to_identity: str | None = Field(
        None, description="The receiving agent's LiveKit identity (none on older records)"
    )


class InitiatedTransfer(Transfer):
    """The new transfer plus consult-room join tokens for its agents (never stored)."""

    join_tokens: list[JoinToken] = Field(
        default_factory=list,
        description="Consult-room tokens for both agents (LiveKit configured); in this answer "
        "only: an Idempotency-Key replay has none",
    )


class TransferPage(BaseModel):
    items: list[Transfer] = Field(description="Transfers, newest first")
    next_cursor: str | None = Field(
        None, description="Opaque: pass as ?cursor= for the next page; none at the end"
    )


class Health(BaseModel):
    status: Literal["ok"] = Field("ok", description="Always ok when it answers")
    version: str = Field(description="The API's version", examples=["0.1.0"])
    function: str = Field(description="The function that answered", examples=["health"])
