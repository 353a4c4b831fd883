"""Routing's pure rules: an agent's status from its presence record, who may get an offer,
who gets it first, how a waiting transfer ends, and how long a caller will wait.

A presence record holds what happened (the agent's choice, its open transfer, its wrap-up,
its open offer, its sockets); the status is read from it at a given moment, so a wrap-up
ends on time without a write, and an offer a crash left behind stops counting at its end.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from functions.domain.models.routing import AgentStatus
from functions.domain.models.transfer import OfferOutcome, Outcome

Record = Mapping[str, Any]

# A phone a transfer is offered to stands where an agent would (offers, presence) under
# this key: no agent id can take it (ids never hold "+"), and it needs no console socket.
PHONE_PREFIX = "tel:"


def phone_key(phone: str) -> str:
    return f"{PHONE_PREFIX}{phone}"


def is_phone(key: str | None) -> bool:
    return bool(key) and str(key).startswith(PHONE_PREFIX)


def phone_of(key: str) -> str:
    return key.removeprefix(PHONE_PREFIX)


PHONE_IDENTITY_PREFIX = "phone_"


def phone_identity(phone: str) -> str:
    """The dialled phone's LiveKit identity in the consult room (then the caller's)."""
    return f"{PHONE_IDENTITY_PREFIX}{phone.lstrip('+')}"


def answered_by_phone(identity: str | None) -> bool:
    """The receiving side took the transfer on a dialled phone (a phone member, or an
    agent rung on its own phone while offline)."""
    return bool(identity) and str(identity).startswith(PHONE_IDENTITY_PREFIX)


def by_phone(presence: Record, *, requires_socket: bool) -> bool:
    """Reached by dialling: a queue's phone member, or an agent without an open console
    who gave a phone to ring meanwhile (GET/PUT /agents/me/phone)."""
    if is_phone(presence["agent"]):
        return True
    offline = requires_socket and not presence.get("connections")
    return offline and bool(presence.get("phone"))


def dial_outcome(sip_status: int | None, *, timed_out: bool = False) -> OfferOutcome:
    """How a dial that was not answered ended, from the SIP final response: busy or
    declined (486, 600, 603), not answered in time (408, 480, 487: the ringing timeout
    cancels the INVITE), anything else failed (no route, trunk refused, 5xx)."""
    if sip_status in (486, 600, 603):
        return OfferOutcome.busy
    if timed_out or sip_status in (408, 480, 487):
        return OfferOutcome.no_answer
    return OfferOutcome.failed


def _before(moment: str | None, now: str) -> bool:
    """Whether the ISO time `moment` has passed at `now` (ISO strings in UTC compare as text)."""
    return moment is not None and moment <= now


def status(presence: Record, now: str, *, requires_socket: bool) -> AgentStatus:
    """Busy beats everything (the agent is on a call, socket or not); then wrap-up; then
    offline without a socket; else what the agent chose."""
    if presence.get("current_transfer_id"):
        return AgentStatus.busy
    wrap_up_until = presence.get("wrap_up_until")
    if wrap_up_until and not _before(wrap_up_until, now):
        return AgentStatus.wrap_up
    if requires_socket and not presence.get("connections") and not is_phone(presence["agent"]):
        return AgentStatus.offline
    return AgentStatus(presence.get("chosen") or AgentStatus.away)


def since(presence: Record, now: str, *, requires_socket: bool) -> str | None:
    """When the current status began (a wrap-up that ran out began its successor then)."""
    current = status(presence, now, requires_socket=requires_socket)
    wrap_up_until = presence.get("wrap_up_until")
    if current is not AgentStatus.wrap_up and _before(wrap_up_until, now):
        later = max(wrap_up_until, presence.get("since") or "")
        return later
    return presence.get("since")


def holds_offer(presence: Record, now: str) -> bool:
    """An offer counts until it ends (plus the timer's grace, in offer_until)."""
    return bool(presence.get("offer")) and not _before(presence.get("offer_until"), now)


def can_be_offered(presence: Record, now: str, *, requires_socket: bool) -> bool:
    """Available, and holding neither an offer nor a transfer: one of each at a time. An
    agent offline by socket only, available by choice and with a phone, is rung there."""
    current = status(presence, now, requires_socket=requires_socket)
    rung = current is AgentStatus.offline and by_phone(presence, requires_socket=requires_socket)
    rung = rung and (presence.get("chosen") or "available") == "available"
    return (current is AgentStatus.available or rung) and not holds_offer(presence, now)


def members(queue: Mapping[str, Any]) -> set[str]:
    """A queue's members: the ones it lists (a phone under its key) and the ones whose
    token names it."""
    listed = {
        m if isinstance(m, str) else phone_key(m["phone"]) for m in queue.get("members") or []
    }
    return listed | set(queue.get("claimed_members") or [])


def with_defaults(agents: Iterable[str], found: Mapping[str, dict[str, Any]]) -> list[dict]:
    """Presence of each agent; one never seen is available by choice (and offline, where
    presence needs a socket, until its console connects)."""
    return [found.get(a) or {"agent": a, "chosen": "available"} for a in sorted(agents)]


def longest_idle_first(
    presences: Iterable[Record], offers: Sequence[Record] = (), *, requires_socket: bool = True
) -> list[Record]:
    """Who waited longest since their last transfer ended (never had one: first of all,
    then by how long they have been in their status); an agent this transfer was already
    offered to comes after everyone it was not (the offer moves on before it comes back).
    Phones come after every agent: a console answers sooner and costs no call."""
    tried = {o["agent"] for o in offers}
    return sorted(
        presences,
        key=lambda p: (
            by_phone(p, requires_socket=requires_socket),
            p["agent"] in tried,
            p.get("last_ended_at") or "",
            p.get("since") or "",
            p["agent"],
        ),
    )


def end_outcome(offers: Sequence[Record]) -> Outcome:
    """A transfer that ran out of queues: offered to somebody (no_answer) or not (no_agent)."""
    return Outcome.no_answer if offers else Outcome.no_agent


# Offers that end these ways are not made again for the same transfer: the agent said no,
# or the phone was busy, did not answer or could not be reached.
NOT_AGAIN = frozenset(
    {OfferOutcome.declined, OfferOutcome.busy, OfferOutcome.no_answer, OfferOutcome.failed}
)


def declined_by(offers: Sequence[Record]) -> set[str]:
    """Agents who declined this transfer, and phones that did not answer it: it never goes
    back to them."""
    return {o["agent"] for o in offers if o.get("outcome") in NOT_AGAIN}


def estimated_wait(position: int, average_accept_seconds: float | None, staffed: int) -> int | None:
    """Seconds until an agent takes the transfer at `position`: the queue's recent average
    time to accept, once per place ahead, shared among the members who are working
    (available, busy or wrapping up). None with no accept to learn from."""
    if average_accept_seconds is None:
        return None
    return math.ceil(position * average_accept_seconds / max(1, staffed))


# Each accept moves the queue's average time to accept this much towards itself: about the
# last ten accepts count.
AVERAGE_WEIGHT = 0.2


def next_average(previous: float | None, accepted_after: float) -> float:
    if previous is None:
        return accepted_after
    return previous + AVERAGE_WEIGHT * (accepted_after - previous)


def seconds_between(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds())
