"""Request, response and domain models (pydantic). Field limits here are the API's limits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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


class Input(BaseModel):
    """Base of request bodies: unknown fields are refused, so typos do not vanish silently."""

    model_config = ConfigDict(extra="forbid")


class Role(StrEnum):
    service = "service"
    agent = "agent"
    supervisor = "supervisor"


class Speaker(StrEnum):
    caller = "caller"
    agent = "agent"
    ai = "ai"


class TransferStatus(StrEnum):
    initiated = "initiated"
    accepted = "accepted"
    completed = "completed"
    cancelled = "cancelled"
    expired = "expired"


# ---- calls -----------------------------------------------------------------------------


class Caller(Input):
    name: ShortText | None = None
    phone: Annotated[str, StringConstraints(max_length=32, pattern=r"^[0-9+() .-]*$")] | None = None


class CreateCallRequest(Input):
    call_id: EntityId | None = None
    # The agent on the call now (none while the AI voice agent has it); POST
    # /calls/{id}/assign moves it. An agent reads and transfers only calls it is on.
    agent: EntityId | None = None
    caller: Caller | None = None
    metadata: dict[Annotated[str, StringConstraints(max_length=64)], ShortText] = Field(
        default_factory=dict, max_length=32
    )


class TurnIn(Input):
    speaker: Speaker
    text: TurnText
    # The client's id for the turn: a turn id already stored is never appended again.
    turn_id: EntityId | None = None


class AppendTurnsRequest(Input):
    turns: list[TurnIn] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _distinct_turn_ids(self) -> AppendTurnsRequest:
        ids = [t.turn_id for t in self.turns if t.turn_id is not None]
        if len(ids) != len(set(ids)):
            raise ValueError("turn_id values must differ within a request")
        return self


class AssignCallRequest(Input):
    agent: EntityId


class CallAssignment(BaseModel):
    call_id: str
    agent: str
    assigned_by: str
    assigned_at: str


class Turn(BaseModel):
    seq: int
    speaker: Speaker
    text: str
    at: str
    turn_id: str | None = None


class TranscriptLine(BaseModel):
    """One line of what was said, as the summarisers read it."""

    speaker: str
    text: str


class Call(BaseModel):
    call_id: str
    caller: Caller | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    # Free-text context from clients of the older API, which sent no transcript.
    context: str | None = None
    created_at: str
    agent: str | None = None
    turn_count: int = 0
    turns: list[Turn] = Field(default_factory=list)


class CallPage(Call):
    """GET /calls/{call_id}: the call with a page of its turns, oldest first. When more
    follow, `next_turns_cursor` reads the next page (?cursor=)."""

    next_turns_cursor: str | None = None


class AppendTurnsResponse(BaseModel):
    call_id: str
    turns_added: int
    last_seq: int


# ---- briefing --------------------------------------------------------------------------


class Customer(BaseModel):
    name: str | None = None
    phone: str | None = None
    account: str | None = None


# Read aloud to the agent: under 20 seconds of speech.
SPOKEN_MAX_WORDS = 60
SPOKEN_MAX_CHARS = 600


class Briefing(BaseModel):
    """What the receiving agent gets before taking the caller."""

    headline: Annotated[str, StringConstraints(max_length=200)]
    reason: Annotated[str, StringConstraints(max_length=1000)]
    customer: Customer = Field(default_factory=Customer)
    sentiment: Literal["positive", "neutral", "negative", "upset"] = "neutral"
    key_facts: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=10
    )
    next_steps: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=10
    )
    # Read aloud to the agent: kept to SPOKEN_MAX_WORDS (llm.prompts.cap_spoken).
    spoken: Annotated[str, StringConstraints(max_length=SPOKEN_MAX_CHARS)]


class BriefingCorrection(BaseModel):
    """One change the fact check made to an LLM briefing: a number, email or amount the
    call does not contain was removed, or a fact the call holds was added back."""

    action: Literal["removed", "added"]
    kind: str  # id, phone, email, amount, name, date, or a reference kind (order, ...)
    value: str
    where: str  # the briefing field: headline, reason, customer.account, key_facts, ...


# A BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW"): the language a briefing is written in.
LanguageTag = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", max_length=35)
]


# ---- LiveKit ---------------------------------------------------------------------------


class JoinToken(BaseModel):
    token: str
    url: str
    expires_at: str
    room: str
    identity: str


class MediaStatus(BaseModel):
    """Outcome of a transfer's last LiveKit step (open: consult room, handoff, close)."""

    # not_in_room: the hand-off found the first agent's identity already out of the caller's room.
    state: Literal["ok", "failed", "not_in_room"]
    step: Literal["open", "handoff", "close"]
    error: str | None = None
    at: str
    attempts: int = 1


# ---- transfers -------------------------------------------------------------------------


class InitiateTransferRequest(Input):
    """POST /initiate-transfer: `call_id`, or `call_context` for clients of the older API."""

    call_id: EntityId | None = None
    call_context: Annotated[str, StringConstraints(min_length=1, max_length=20000)] | None = None
    to_agent: EntityId | None = None
    from_agent: EntityId | None = None
    reason: ReasonText | None = None
    # The LiveKit room the caller is in (else the call's metadata "caller_room").
    caller_room: MediaName | None = None
    # The agents' LiveKit identities (default: their ids); the hand-off removes from_identity.
    from_identity: LiveKitIdentity | None = None
    to_identity: LiveKitIdentity | None = None
    # The language the briefing is written in (else the setting BRIEFING_DEFAULT_LANGUAGE).
    briefing_language: LanguageTag | None = None

    @model_validator(mode="after")
    def _one_source(self) -> InitiateTransferRequest:
        if (self.call_id is None) == (self.call_context is None):
            raise ValueError("give exactly one of call_id or call_context")
        if self.call_id is not None and self.to_agent is None:
            raise ValueError("to_agent is required with call_id")
        return self


class HistoryEntry(BaseModel):
    status: TransferStatus
    by: str
    at: str


class Transfer(BaseModel):
    transfer_id: str
    call_id: str
    status: TransferStatus
    from_agent: str | None = None
    to_agent: str | None = None
    reason: str | None = None
    briefing: Briefing
    briefing_provider: str
    briefing_fallback_reason: str | None = None
    # The language the caller spoke (detected; "und" when it could not be told), the one
    # the briefing was written in, and what the fact check changed in an LLM briefing.
    transcript_language: str | None = None
    briefing_language: str | None = None
    briefing_corrections: list[BriefingCorrection] = Field(default_factory=list)
    created_at: str
    updated_at: str
    version: int
    history: list[HistoryEntry]
    # LiveKit, when configured: the agents' consult room, the caller's room, last media step.
    consult_room: str | None = None
    caller_room: str | None = None
    media_status: MediaStatus | None = None
    # The agents' LiveKit identities (None on transfers stored before they were recorded).
    from_identity: str | None = None
    to_identity: str | None = None


class InitiatedTransfer(Transfer):
    """The new transfer plus consult-room join tokens for its agents (never stored)."""

    join_tokens: list[JoinToken] = Field(default_factory=list)


class TransferPage(BaseModel):
    items: list[Transfer]
    next_cursor: str | None = None


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    function: str
