"""Transfers: the request that starts one, the stored record, its pages."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from functions.domain.briefing_models import Briefing, BriefingCorrection, LanguageTag
from functions.domain.models import (
    EntityId,
    Input,
    LiveKitIdentity,
    MediaName,
    ReasonText,
    Timestamp,
    TransferStatus,
)
from functions.domain.room_models import JoinToken, MediaStatus

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
