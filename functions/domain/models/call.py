"""Calls and their transcripts: the request, response and record models (pydantic).
Field limits here are the API's limits; the shared types are in domain/models.py."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from functions.domain.models import (
    EntityId,
    Input,
    LiveKitIdentity,
    ShortText,
    Speaker,
    Timestamp,
    TurnText,
)

Phone = Annotated[str, StringConstraints(max_length=32, pattern=r"^[0-9+() .-]*$")]


class Caller(Input):
    """What the voice pipeline knows of the caller."""

    name: ShortText | None = Field(None, description="The caller's name", examples=["Dana Reyes"])
    phone: Phone | None = Field(
        None, description="The caller's phone number", examples=["+1 555 0100"]
    )


class CreateCallRequest(Input):
    call_id: EntityId | None = Field(
        None,
        description="The call's id (the telephony side's); omitted: one is made",
        examples=["c1"],
    )
    # An agent reads and transfers only calls it is on.
    agent: EntityId | None = Field(
        None,
        description="The human agent on the call now (none while the AI voice agent has it); "
        "POST /calls/{call_id}/assign moves it",
        examples=["alice"],
    )
    caller: Caller | None = Field(None, description="The caller, as far as known")
    caller_identity: LiveKitIdentity | None = Field(
        None,
        description="The caller's LiveKit identity in the caller's room (set by the voice "
        "side): the caller leaving that room abandons the call's open transfer",
        examples=["sip_caller"],
    )
    metadata: dict[Annotated[str, StringConstraints(max_length=64)], ShortText] = Field(
        default_factory=dict,
        max_length=32,
        description="Free key/value text; `caller_room` names the caller's LiveKit room",
        examples=[{"caller_room": "call-_+15550100_x1"}],
    )


class TurnIn(Input):
    speaker: Speaker = Field(description="Who said it")
    text: TurnText = Field(
        description="What was said", examples=["I was charged twice on account AC-991."]
    )
    turn_id: EntityId | None = Field(
        None,
        description="The client's id for the turn: a turn id already stored is not appended "
        "again (safe retries)",
        examples=["utt-0042"],
    )


class AppendTurnsRequest(Input):
    turns: list[TurnIn] = Field(
        min_length=1, max_length=50, description="The turns to append, in the order said"
    )

    @model_validator(mode="after")
    def _distinct_turn_ids(self) -> AppendTurnsRequest:
        ids = [t.turn_id for t in self.turns if t.turn_id is not None]
        if len(ids) != len(set(ids)):
            raise ValueError("turn_id values must differ within a request")
        return self


class AssignCallRequest(Input):
    agent: EntityId = Field(description="The agent to put on the call", examples=["bob"])


class CallAssignment(BaseModel):
    call_id: str = Field(description="The call's id", examples=["c1"])
    agent: str = Field(description="The agent now on the call", examples=["bob"])
    assigned_by: str = Field(description="Who assigned it (the service's id)")
    assigned_at: Timestamp = Field(description="When")


class CallbackRequest(Input):
    phone: Annotated[Phone, StringConstraints(min_length=3)] = Field(
        description="The number to call back", examples=["+1 555 0100"]
    )
    preferred_time: ShortText | None = Field(
        None,
        description="When the caller would like it, in the caller's words",
        examples=["tomorrow after 5 pm"],
    )


class Callback(BaseModel):
    """A callback the caller asked for (the latest request wins)."""

    call_id: str = Field(description="The call's id", examples=["c1"])
    phone: str = Field(description="The number to call back", examples=["+1 555 0100"])
    preferred_time: str | None = Field(None, description="When, in the caller's words")
    requested_at: Timestamp = Field(description="When it was asked for")
    requested_by: str = Field(description="Who recorded it (the service's id)")


class Turn(BaseModel):
    seq: int = Field(description="The turn's place in the transcript, from 1", examples=[1])
    speaker: Speaker = Field(description="Who said it")
    text: str = Field(description="What was said")
    at: Timestamp = Field(description="When it was stored")
    turn_id: str | None = Field(None, description="The client's id for the turn, if it gave one")
    redactions: list[str] = Field(
        default_factory=list,
        description="What was redacted from it before it was stored (card, cvv, iban, "
        "national_id, or a REDACT_PATTERNS name): the agent knows a card was given",
        examples=[["card"]],
    )


class TranscriptLine(BaseModel):
    """One line of what was said, as the summarisers read it."""

    speaker: str
    text: str


class Call(BaseModel):
    call_id: str = Field(description="The call's id", examples=["c1"])
    caller: Caller | None = Field(None, description="The caller, as far as known")
    caller_identity: str | None = Field(
        None, description="The caller's LiveKit identity in the caller's room"
    )
    metadata: dict[str, str] = Field(
        default_factory=dict, description="The free key/value text given at POST /calls"
    )
    context: str | None = Field(
        None, description="Free-text context from clients of the older API (no transcript)"
    )
    created_at: Timestamp = Field(description="When the call was opened")
    agent: str | None = Field(
        None, description="The human agent on the call (none while the AI voice agent has it)"
    )
    turn_count: int = Field(0, description="How many turns the transcript holds")
    callback: Callback | None = Field(None, description="The callback asked for, if any")
    turns: list[Turn] = Field(default_factory=list, description="Transcript turns, oldest first")


class CallPage(Call):
    """GET /calls/{call_id}: the call with a page of its turns, oldest first. When more
    follow, `next_turns_cursor` reads the next page (?cursor=)."""

    next_turns_cursor: str | None = Field(
        None, description="Opaque: pass as ?cursor= for the next page of turns; none at the end"
    )


class AppendTurnsResponse(BaseModel):
    call_id: str = Field(description="The call's id", examples=["c1"])
    turns_added: int = Field(
        description="Turns appended (a turn_id already stored is not counted)", examples=[1]
    )
    last_seq: int = Field(description="The seq of the transcript's last turn now", examples=[7])
