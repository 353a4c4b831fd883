"""Queues and agents' presence: what PUT /queues/{queue} takes, what GET /queues, GET
/agents and GET /agents/me answer."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from functions.domain.models import EntityId, Input, ReasonText, Timestamp

QUEUE_MAX_MEMBERS = 500
E164 = r"^\+[1-9][0-9]{6,14}$"
PhoneNumber = Annotated[str, StringConstraints(pattern=E164)]
# Digits a dialled phone is sent once it answers (an extension behind an IVR): w waits 0.5 s.
DTMF = Annotated[str, StringConstraints(pattern=r"^[0-9*#wW]{1,32}$")]


class Strategy(StrEnum):
    """How a queue offers a transfer: to one member at a time, or to all at once."""

    longest_idle = "longest_idle"  # the member whose last transfer ended longest ago
    ring_all = "ring_all"  # every available member; the first accept wins


class AgentStatus(StrEnum):
    """Where an agent is: free to take a transfer, away by choice, on one, wrapping one up,
    or without an open console."""

    available = "available"
    away = "away"
    busy = "busy"  # an accepted transfer of theirs is open
    wrap_up = "wrap_up"  # the queue's wrap-up after a transfer ended
    offline = "offline"  # no console socket open (PRESENCE_REQUIRES_SOCKET)


class PhoneMember(Input):
    """A queue member reached by phone (LiveKit SIP dials it into the consult room)."""

    phone: PhoneNumber = Field(description="E.164", examples=["+15550100300"])
    dtmf: DTMF | None = Field(
        None, description="Sent once it answers (w: wait 0.5 s)", examples=["ww1234#"]
    )


class QueueSettings(Input):
    """PUT /queues/{queue}: the whole queue (a PUT replaces it)."""

    members: list[EntityId | PhoneMember] = Field(
        default_factory=list,
        max_length=QUEUE_MAX_MEMBERS,
        description="Agent ids, and phones ({phone, dtmf?}: dialled when no agent of the "
        "queue is free); agents whose token names the queue (AUTH_QUEUES_CLAIM) are members too",
        examples=[["alice", "bob", {"phone": "+15550100300", "dtmf": "ww12#"}]],
    )
    strategy: Strategy = Field(Strategy.longest_idle, description="How it offers transfers")
    offer_timeout_seconds: Annotated[int, Field(ge=5, le=120)] = Field(
        20, description="How long an offer waits for an answer"
    )
    max_wait_seconds: Annotated[int, Field(ge=10, le=86_400)] = Field(
        300, description="How long a transfer waits here before overflow_to (or its end)"
    )
    overflow_to: EntityId | None = Field(
        None, description="The queue a transfer moves to after max_wait_seconds", examples=[None]
    )
    wrap_up_seconds: Annotated[int, Field(ge=0, le=3_600)] = Field(
        15, description="An agent's wrap-up after a transfer of this queue ends"
    )
    fallback_phone: PhoneNumber | None = Field(
        None,
        description="Where a caller nobody here took goes instead of ending no_agent/no_answer "
        "(E.164; LiveKit SIP transfers the caller out, outcome transferred_out)",
        examples=["+15550100200"],
    )

    @field_validator("members")
    @classmethod
    def _unique(cls, members: list[str | PhoneMember]) -> list[str | PhoneMember]:
        seen: dict[str, str | PhoneMember] = {}
        for member in members:
            seen.setdefault(member if isinstance(member, str) else member.phone, member)
        return list(seen.values())


class Queue(QueueSettings):
    model_config = ConfigDict(extra="ignore")

    queue: str = Field(description="Its name", examples=["billing"])
    created_at: Timestamp = Field(description="When it was made")
    updated_at: Timestamp = Field(description="When it was last replaced")
    waiting: int = Field(0, description="Transfers waiting in it now (offered ones included)")
    longest_wait_seconds: int | None = Field(
        None, description="How long its oldest waiting transfer has waited"
    )
    agents: dict[AgentStatus, list[str]] = Field(
        default_factory=dict, description="Its members (listed and by claim) by status now"
    )


class QueueList(BaseModel):
    items: list[Queue] = Field(description="Every queue, by name")


class SetStatusRequest(Input):
    status: Literal["available", "away"] = Field(
        description="What the agent chooses; busy, wrap_up and offline follow from what happens"
    )


class SetPhoneRequest(Input):
    """PUT /agents/me/phone: a phone to ring, while the console is closed, when a queue of
    the agent offers it a transfer (null: none)."""

    phone: PhoneNumber | None = Field(description="E.164, or null", examples=["+15550100301"])
    dtmf: DTMF | None = Field(
        None, description="Sent once it answers (an extension; w: wait 0.5 s)", examples=[None]
    )


class Presence(BaseModel):
    agent: str = Field(description="The agent's id", examples=["bob"])
    status: AgentStatus = Field(description="The agent's status now")
    since: Timestamp | None = Field(None, description="Since when")
    chosen: Literal["available", "away"] = Field(
        description="What the agent chose (the status when neither busy, wrapping up nor offline)"
    )
    away_reason: str | None = Field(
        None, description="Why away when the system set it: missed_offers", examples=[None]
    )
    current_transfer_id: str | None = Field(None, description="The accepted transfer it is on")
    offer_transfer_id: str | None = Field(None, description="The transfer offered to it now")
    offer_expires_at: Timestamp | None = Field(None, description="When that offer ends")
    wrap_up_until: Timestamp | None = Field(None, description="When its wrap-up ends")
    last_ended_at: Timestamp | None = Field(None, description="When its last transfer ended")
    missed_offers: int = Field(0, description="Offers in a row it let run out")
    queues: list[str] = Field(default_factory=list, description="The queues it belongs to")
    phone: str | None = Field(
        None, description="Rung while its console is closed (PUT /agents/me/phone)"
    )


class PresenceList(BaseModel):
    items: list[Presence] = Field(description="Every agent known to routing, by id")


class DeclineRequest(Input):
    reason: ReasonText | None = Field(
        None, description="Why, for the supervisor", examples=["not my area"]
    )
