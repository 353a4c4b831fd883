"""Transfers: the request that starts one, the stored record, its pages."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from functions.domain.models import (
    EntityId,
    Input,
    LiveKitIdentity,
    MediaName,
    ReasonText,
    Timestamp,
    TransferStatus,
)
from functions.domain.models.briefing import Briefing, BriefingCorrection, LanguageTag
from functions.domain.models.room import JoinToken, MediaStatus
from functions.domain.models.routing import DTMF, PhoneNumber

# Amazon Connect's convention: 1 is the most urgent.
Priority = Annotated[int, Field(ge=1, le=9)]
DEFAULT_PRIORITY = 5


class Outcome(StrEnum):
    """How a transfer ended, one per terminal transfer."""

    completed = "completed"
    cancelled = "cancelled"
    no_agent = "no_agent"  # nobody was available to offer it to
    no_answer = "no_answer"  # offered, never accepted
    abandoned = "abandoned"  # the caller hung up first
    transferred_out = "transferred_out"  # handed to a number outside (telephony)


class OfferOutcome(StrEnum):
    """How one offer to one agent ended."""

    accepted = "accepted"
    declined = "declined"
    timed_out = "timed_out"
    withdrawn = "withdrawn"  # another agent took it, or the transfer moved on or ended
    # A phone's offer (LiveKit SIP dialled it), from the SIP status of the call:
    busy = "busy"  # 486 Busy Here, 600 Busy Everywhere, 603 Decline
    no_answer = "no_answer"  # rang out (408, 480, 487)
    failed = "failed"  # could not be reached (no route, trunk refused, 5xx)


# Routing steps a waiting transfer takes; each is an event (`transfer.<step>`) though the
# status stays initiated. `requeued`: an offer ended and nobody holds one now.
ROUTING_STEPS = (
    "offered",
    "declined",
    "offer_timed_out",
    "dial_failed",  # a phone it was offered to was busy, rang out or failed
    "requeued",
    "overflowed",
)
# Steps the media side reports (LiveKit's webhooks): the agent in the consult room, then
# with the caller; each is an event (`transfer.<step>`) though the status stays as it was.
MEDIA_STEPS = ("agent_joined", "connected")
AGENT_STATUS_CHANGED = "agent.status_changed"
CALLBACK_REQUESTED = "call.callback_requested"
CALL_ERASED = "call.erased"  # a CRM erases its copy of the call
CALL_READ = "call.read"  # an agent or supervisor read a transcript or briefing (opt-in)
EVENT_TYPES: tuple[str, ...] = (
    *(f"transfer.{s.value}" for s in TransferStatus),
    *(f"transfer.{step}" for step in ROUTING_STEPS),
    *(f"transfer.{step}" for step in MEDIA_STEPS),
    AGENT_STATUS_CHANGED,
    CALLBACK_REQUESTED,
    CALL_ERASED,
    CALL_READ,
)
# Sent only to subscriptions that name them: one per read, far more than any other event.
OPT_IN_EVENT_TYPES = frozenset({CALL_READ})


class Offer(BaseModel):
    """One offer of a queued transfer to one agent."""

    agent: str = Field(
        description="The agent it was offered to (a phone: `tel:<E.164>`)", examples=["bob"]
    )
    offered_at: Timestamp = Field(description="When it was offered")
    outcome: OfferOutcome | None = Field(None, description="How it ended (none: still open)")
    ended_at: Timestamp | None = Field(None, description="When it ended")
    reason: str | None = Field(None, description="The agent's reason, for a decline")
    sip_status: int | None = Field(
        None, description="A phone's SIP final response, when it did not answer", examples=[486]
    )


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
        description="The receiving agent (with call_id: this or to_queue); without either: "
        "any agent may claim it",
        examples=["bob"],
    )
    to_queue: EntityId | None = Field(
        None,
        description="The queue to route it through (PUT /queues/{queue}): offered to its "
        "members as the queue's strategy says",
        examples=["billing"],
    )
    priority: Priority | None = Field(
        None, description="With to_queue: 1 (most urgent) to 9; default 5", examples=[5]
    )
    to_phone: PhoneNumber | None = Field(
        None,
        description="A phone to dial into the consult room (E.164; LiveKit SIP, "
        "LIVEKIT_SIP_OUTBOUND_TRUNK_ID): answered, it is the receiving party",
        examples=["+15550100300"],
    )
    dtmf: DTMF | None = Field(
        None, description="With to_phone: digits sent once it answers (w: wait 0.5 s)"
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
        targets = [t for t in (self.to_agent, self.to_queue, self.to_phone) if t is not None]
        if len(targets) > 1:
            raise ValueError("give one of to_agent, to_queue or to_phone")
        if self.call_id is not None and not targets:
            raise ValueError("to_agent, to_queue or to_phone is required with call_id")
        if self.dtmf is not None and self.to_phone is None:
            raise ValueError("dtmf is for a transfer to a phone (to_phone)")
        if self.priority is not None and self.to_queue is None:
            raise ValueError("priority is for a transfer to a queue (to_queue)")
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
        None,
        description="The receiving agent (none: any agent may claim it; a phone that "
        "answered: `tel:<E.164>`)",
        examples=["bob"],
    )
    to_phone: str | None = Field(
        None, description="The phone dialled for it (to_phone)", examples=[None]
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
    outcome: Outcome | None = Field(None, description="How it ended (terminal transfers)")
    agent_joined_at: Timestamp | None = Field(
        None, description="When the receiving agent (or phone) joined the consult room (LiveKit)"
    )
    connected_at: Timestamp | None = Field(
        None, description="When the receiving agent joined the caller's room (LiveKit)"
    )
    consult_room_finished_at: Timestamp | None = Field(
        None, description="When LiveKit closed the consult room"
    )
    transferred_to: str | None = Field(
        None, description="The number the caller was transferred out to (outcome transferred_out)"
    )
    queue: str | None = Field(None, description="The queue routing it (now)", examples=["billing"])
    priority: int | None = Field(None, description="Its priority in queues: 1 most urgent to 9")
    enqueued_at: Timestamp | None = Field(None, description="When it entered its current queue")
    offered_to: list[str] = Field(
        default_factory=list, description="The agents holding its current offer"
    )
    offer_expires_at: Timestamp | None = Field(None, description="When the current offer ends")
    offers: list[Offer] = Field(default_factory=list, description="Every offer, oldest first")
    step: str | None = Field(
        None,
        description="Its last step: queued, offered, declined, offer_timed_out, requeued, "
        "overflowed (while it waits), accepted, agent_joined, connected, expired",
    )
    position: int | None = Field(
        None, description="While waiting: its place in its queue's line (1: next)"
    )
    estimated_wait_seconds: int | None = Field(
        None, description="While waiting: how long until an agent takes it, from recent accepts"
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
