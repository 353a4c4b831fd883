"""Agents' presence: what an agent chooses (available, away), what its console's sockets
say (online, offline), and what supervisors see of everyone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from functions.domain import routing as rules
from functions.domain.actor import Actor
from functions.domain.errors import Forbidden
from functions.domain.models import Role
from functions.domain.models.routing import Presence, PresenceList
from functions.livekit import sip
from functions.services import routing
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.routing.presence import OFFER_SLACK_SECONDS, get_presence_repo
from functions.store.routing.queues import get_queues_repo


def view(record: Mapping[str, Any], queues: list[str]) -> Presence:
    """What a person sees of an agent's presence now."""
    requires_socket = get_settings().presence_requires_socket
    now = clock.iso(clock.now())
    offer = record.get("offer") if rules.holds_offer(record, now) else None
    return Presence(
        agent=record["agent"],
        status=rules.status(record, now, requires_socket=requires_socket),
        since=rules.since(record, now, requires_socket=requires_socket),
        chosen=record.get("chosen") or "available",
        away_reason=record.get("away_reason"),
        current_transfer_id=record.get("current_transfer_id"),
        offer_transfer_id=offer,
        offer_expires_at=_offer_end(record) if offer else None,
        wrap_up_until=record.get("wrap_up_until")
        if record.get("wrap_up_until", "") > now
        else None,
        last_ended_at=record.get("last_ended_at"),
        missed_offers=int(record.get("missed_offers") or 0),
        queues=queues,
        phone=record.get("phone"),
    )


def _offer_end(record: Mapping[str, Any]) -> str:
    """The offer's own end (the record keeps it with the crash slack added)."""
    until = clock.parse(record["offer_until"]) - timedelta(seconds=OFFER_SLACK_SECONDS)
    return clock.iso(until)


def _agent(actor: Actor) -> str:
    if actor.role is not Role.agent:
        raise Forbidden("only agents have a presence")
    return actor.sub


async def me(actor: Actor) -> Presence:
    agent = _agent(actor)
    record = await (await get_presence_repo()).get(agent) or {"agent": agent}
    return view(record, [q["queue"] for q in await routing.queues_of(agent)])


async def choose(actor: Actor, chosen: str) -> Presence:
    """The agent sets itself available or away; available, it is offered what waits."""
    agent = _agent(actor)
    record = await (await get_presence_repo()).choose(agent, chosen, clock.iso(clock.now()))
    if chosen == "available":
        await routing.dispatch_for(agent)
        record = await (await get_presence_repo()).get(agent) or record
    return view(record, [q["queue"] for q in await routing.queues_of(agent)])


async def set_phone(actor: Actor, phone: str | None, dtmf: str | None) -> Presence:
    """The phone the agent is rung on while its console is closed; one given while it is
    offline and available is offered what waits at once."""
    agent = _agent(actor)
    if phone is not None:
        sip.outbound_trunk()  # SipNotConfigured: no trunk to ring it through
    record = await (await get_presence_repo()).set_phone(
        agent, phone, None if phone is None else dtmf
    )
    if phone is not None:
        await routing.dispatch_for(agent)
        record = await (await get_presence_repo()).get(agent) or record
    return view(record, [q["queue"] for q in await routing.queues_of(agent)])


async def everyone() -> PresenceList:
    """Every agent routing knows: each queue's members, and anyone who has a record."""
    queues = await (await get_queues_repo()).all()
    found = {p["agent"]: p for p in await (await get_presence_repo()).all()}
    agents = set(found) | {a for q in queues for a in routing.members(q)}
    return PresenceList(
        items=[
            view(
                found.get(a) or {"agent": a},
                [q["queue"] for q in queues if a in routing.members(q)],
            )
            for a in sorted(agents)
        ]
    )


async def connected(actor: Actor, connection_id: str) -> None:
    """An agent's console socket opened: online, and joined to the queues its token names.
    What waits is offered once the socket is open: the agent's status event (the stream)
    does it, since nothing can be sent to a socket while its $connect is running."""
    if actor.role is not Role.agent:
        return
    queues = await get_queues_repo()
    for name in actor.queues:
        await queues.add_claimed_member(name, actor.sub)
    now = clock.iso(clock.now())
    await (await get_presence_repo()).connect(actor.sub, connection_id, list(actor.queues), now)


async def disconnected(agent: str, connection_id: str) -> None:
    await (await get_presence_repo()).disconnect(agent, connection_id, clock.iso(clock.now()))
