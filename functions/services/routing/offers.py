"""Offers: who in a queue may take a transfer, offering it to them (longest idle, or all
at once), and how an offer ends: accepted, declined, run out, withdrawn."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from functions.domain import routing as rules
from functions.domain.actor import Actor
from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.models import TransferStatus
from functions.domain.models.routing import Strategy
from functions.domain.models.transfer import OfferOutcome
from functions.services.routing.timers import DIAL_MARGIN_SECONDS, OFFER, schedule, schedule_dial
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.errors import ConditionFailed
from functions.store.routing.offers import get_offer_writes
from functions.store.routing.presence import OFFER_SLACK_SECONDS, get_presence_repo
from functions.store.routing.queues import get_queues_repo
from functions.store.transfers import TransferRecord, get_transfers_repo

MAX_ATTEMPTS = 3  # a write lost to a race is decided again from what won, this many times


async def queues_of(agent: str) -> list[dict[str, Any]]:
    return [q for q in await (await get_queues_repo()).all() if agent in rules.members(q)]


def ended(
    offers: Sequence[Mapping[str, Any]],
    outcomes: Mapping[str, OfferOutcome],
    now: str,
    reason: str | None = None,
) -> list[dict[str, Any]]:
    """The offers with the open ones of these agents ended as given."""
    out = []
    for offer in offers:
        offer = dict(offer)
        if offer.get("outcome") is None and offer["agent"] in outcomes:
            offer |= {"outcome": outcomes[offer["agent"]].value, "ended_at": now}
            if reason and outcomes[offer["agent"]] is OfferOutcome.declined:
                offer["reason"] = reason
        out.append({k: v for k, v in offer.items() if v is not None})
    return out


async def dispatch(queue_name: str) -> int:
    """Offer the queue's waiting transfers, in line order, to its free members, until one
    side runs out; how many offers were made."""
    settings = get_settings()
    queue = await (await get_queues_repo()).get(queue_name)
    if queue is None:
        return 0
    now = clock.iso(clock.now())
    found = await (await get_presence_repo()).many(rules.members(queue))
    free = {
        p["agent"]: p
        for p in rules.with_defaults(rules.members(queue), found)
        if rules.can_be_offered(p, now, requires_socket=settings.presence_requires_socket)
    }
    made = 0
    for item in await (await get_queues_repo()).line(queue_name) if free else []:
        if not free:
            break
        if item.attributes.get("offered_to"):
            continue
        refused = rules.declined_by(item.attributes.get("offers") or [])
        for _ in range(MAX_ATTEMPTS):
            candidates = [p for a, p in free.items() if a not in refused]
            if not candidates:
                break
            needs = settings.presence_requires_socket
            offers = item.attributes.get("offers") or []
            first = rules.longest_idle_first(candidates, offers, requires_socket=needs)
            chosen = [first[0]["agent"]]  # a phone is dialled alone, after every console
            phoned = rules.by_phone(first[0], requires_socket=needs)
            if queue.get("strategy") == Strategy.ring_all and not phoned:
                chosen = [
                    p["agent"] for p in candidates if not rules.by_phone(p, requires_socket=needs)
                ]
            refusal = await _offer(item, queue, chosen, phoned=phoned)
            if refusal is None:
                made += 1
                for agent in chosen:
                    free.pop(agent)
                break
            for agent in refusal.agents:
                free.pop(agent, None)
            if refusal.transfer_changed or not (refusal.agents or refusal.conflict):
                break  # another request offered or moved it first
    return made


async def _offer(
    item: TransferRecord, queue: Mapping[str, Any], agents: list[str], *, phoned: bool = False
) -> Any:
    moment = clock.now()
    now = clock.iso(moment)
    waits = int(queue.get("offer_timeout_seconds") or 20)
    if phoned:  # the dial decides first; the offer's end only if it is lost
        waits = get_settings().sip_ringing_timeout_seconds + DIAL_MARGIN_SECONDS
    expires = moment + timedelta(seconds=waits)
    seq = int(item.attributes.get("offer_seq") or 0) + 1
    offers = [
        *(item.attributes.get("offers") or []),
        *({"agent": a, "offered_at": now} for a in agents),
    ]
    changes = {
        "offered_to": agents,
        "offer_expires_at": clock.iso(expires),
        "offers": offers,
        "offer_seq": seq,
        "step": "offered",
        "updated_at": now,
    }
    repo = await get_transfers_repo()
    refusal = await (await get_offer_writes()).offer(
        await get_presence_repo(),
        item.transfer_id,
        item.version,
        repo.update_expression(item.transfer_id, changes, None, None),
        agents,
        offer_until=clock.iso(expires + timedelta(seconds=OFFER_SLACK_SECONDS)),
        now=now,
        # A phone is offered alone and needs no console socket.
        requires_socket=get_settings().presence_requires_socket and not phoned,
    )
    if refusal is None:
        metrics.count(metrics.OFFERS_MADE, len(agents))
        await schedule({"timer": OFFER, "transfer_id": item.transfer_id, "seq": seq}, expires)
        if phoned:
            await schedule_dial(item.transfer_id, seq, agents[0])
    return refusal


async def release(agents: Iterable[str], transfer_id: str, *, missed: bool) -> None:
    presence = await get_presence_repo()
    limit, now = get_settings().presence_missed_offers, clock.iso(clock.now())
    for agent in agents:
        await presence.release(agent, transfer_id, missed=missed, missed_limit=limit, now=now)


async def move_step(
    item: TransferRecord,
    changes: dict[str, Any],
    *,
    removes: Sequence[str] = (),
    history: Mapping[str, Any] | None = None,
    offered_to: str | None = None,
    expires_at: int | None = None,
    leave_line: bool = False,
) -> TransferRecord | None:
    """One conditional write of a routing step; None when the transfer changed first."""
    try:
        return await (await get_transfers_repo()).update(
            item.transfer_id,
            expected_status=item.status,
            expected_version=item.version,
            changes=changes,
            history_entry=history,
            expires_at=expires_at,
            removes=removes,
            offered_to=offered_to,
            leave_line=leave_line,
        )
    except ConditionFailed:
        return None


async def offer_ran_out(item: TransferRecord) -> None:
    """Nobody answered the offer in time: it moves on; the agents who let it run out count
    a missed offer (and go away after too many in a row)."""
    agents = list(item.attributes.get("offered_to") or [])
    now = clock.iso(clock.now())
    offers = ended(
        item.attributes.get("offers") or [], dict.fromkeys(agents, OfferOutcome.timed_out), now
    )
    changes = {"offered_to": [], "offers": offers, "step": "offer_timed_out", "updated_at": now}
    if await move_step(item, changes, removes=["offer_expires_at"]) is None:
        return  # accepted, declined or moved by another first: that one decided
    metrics.count(metrics.OFFERS_TIMED_OUT, len(agents))
    await release(agents, item.transfer_id, missed=True)
    await dispatch(item.attributes["queue"])


async def decline(transfer_id: str, actor: Actor, reason: str | None) -> TransferRecord:
    """The offered agent says no: the offer moves on, never back to this agent."""
    repo = await get_transfers_repo()
    for _ in range(MAX_ATTEMPTS):
        item = await repo.get(transfer_id)
        if item is None or not item.attributes.get("queue"):
            raise NotFound(f"transfer {transfer_id} not found")
        holders = list(item.attributes.get("offered_to") or [])
        if actor.sub not in holders:
            offered = {o["agent"] for o in item.attributes.get("offers") or []}
            if actor.sub not in offered:
                raise NotFound(f"transfer {transfer_id} not found")
            raise IllegalTransition(
                "cannot decline the transfer: it is no longer offered to you",
                action="decline",
                current_status=item.status,
            )
        now = clock.iso(clock.now())
        offers = ended(
            item.attributes.get("offers") or [], {actor.sub: OfferOutcome.declined}, now, reason
        )
        left = [a for a in holders if a != actor.sub]
        changes = {"offered_to": left, "offers": offers, "step": "declined", "updated_at": now}
        moved = await move_step(
            item, changes, removes=[] if left else ["offer_expires_at"], offered_to=actor.sub
        )
        if moved is None:
            continue
        metrics.count(metrics.OFFERS_DECLINED)
        await release([actor.sub], transfer_id, missed=False)
        if not left:
            await dispatch(item.attributes["queue"])
        return moved
    raise IllegalTransition(
        "cannot decline the transfer: it changed while being declined",
        action="decline",
        current_status=TransferStatus.initiated.value,
    )


async def accept(
    item: TransferRecord, actor: Actor, *, identity: str | None = None
) -> TransferRecord:
    """The agent (or phone, as `identity` in LiveKit) holding the offer takes the transfer;
    the others' offers are withdrawn."""
    repo = await get_transfers_repo()
    for _ in range(MAX_ATTEMPTS):
        holders = list(item.attributes.get("offered_to") or [])
        if item.status == TransferStatus.accepted and item.to_agent == actor.sub:
            return item  # this agent's own accept, its answer lost: accepted once
        if actor.sub not in holders:
            if item.status == TransferStatus.accepted:
                raise IllegalTransition(
                    "cannot accept the transfer: another agent accepted it first",
                    action="accept",
                    current_status=item.status,
                )
            raise IllegalTransition(
                "cannot accept the transfer: its offer to you has ended",
                action="accept",
                current_status=item.status,
            )
        now = clock.iso(clock.now())
        outcomes = dict.fromkeys(holders, OfferOutcome.withdrawn) | {
            actor.sub: OfferOutcome.accepted
        }
        changes = {
            "status": TransferStatus.accepted.value,
            "to_agent": actor.sub,
            "to_identity": identity or item.to_identity or actor.sub,
            "offered_to": [],
            "offers": ended(item.attributes.get("offers") or [], outcomes, now),
            "step": "accepted",
            "updated_at": now,
        }
        history = {"status": TransferStatus.accepted.value, "by": actor.sub, "at": now}
        update = repo.update_expression(
            item.transfer_id, changes, history, None, ["offer_expires_at"]
        )
        refusal = await (await get_offer_writes()).accept(
            await get_presence_repo(), item.transfer_id, item.version, update, actor.sub, now
        )
        fresh = await repo.get(item.transfer_id)
        if fresh is None:
            raise NotFound(f"transfer {item.transfer_id} not found")
        if refusal is not None:
            item = fresh
            continue
        await release([a for a in holders if a != actor.sub], item.transfer_id, missed=False)
        await _learn_accept(fresh)
        return fresh
    raise IllegalTransition(
        "cannot accept the transfer: it changed while being accepted",
        action="accept",
        current_status=item.status,
    )


async def _learn_accept(item: TransferRecord) -> None:
    """The queue's average time to accept (from entering it), for estimated waits."""
    queue_name, entered = item.attributes.get("queue"), item.attributes.get("enqueued_at")
    if not queue_name or not entered:
        return
    queues = await get_queues_repo()
    queue = await queues.get(queue_name)
    if queue is None:
        return
    took = rules.seconds_between(clock.parse(entered), clock.now())
    previous = queue.get("avg_accept_seconds")
    await queues.learn_accept(queue_name, rules.next_average(previous, took), previous)
