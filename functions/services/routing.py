"""Routing: transfers to queues are offered to the queues' members, one at a time (longest
idle) or all at once (ring-all); offers are declined or run out and move on; a transfer
nobody takes overflows, then ends with its outcome.

Every step is a conditional write (store/offers.py for the ones that must land together),
so concurrent requests, timers and stream consumers settle races by condition, never by a
lock. Timers are SQS messages delayed until due (messaging/queue.py); a read or the
minute's sweep that finds one due runs it too (`catch_up`), so a lost timer costs time,
never a stuck transfer or agent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from functions.domain import routing as rules
from functions.domain.actor import Actor
from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.models import TransferStatus
from functions.domain.routing_models import Strategy
from functions.domain.transfer_models import OfferOutcome
from functions.messaging import queue as sqs
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.errors import ConditionFailed
from functions.store.offers import get_offer_writes
from functions.store.presence import OFFER_SLACK_SECONDS, get_presence_repo
from functions.store.queues import get_queues_repo
from functions.store.transfers import TransferRecord, get_transfers_repo

log = logging.getLogger("warm_transfer.routing")

OFFER, WAIT, WRAP_UP = "offer", "wait", "wrap_up"  # the timers
MAX_ATTEMPTS = 3  # a write lost to a race is decided again from what won, this many times


# ---- timers ------------------------------------------------------------------------------


async def schedule(body: dict[str, Any], due: datetime) -> None:
    """A timer: an SQS message that becomes visible when `due` (SQS counts whole seconds)."""
    url = get_settings().routing_timer_queue_url
    if url is None:
        return  # reads and the sweep run timers when they find them due
    seconds = max(0, int((due - clock.now()).total_seconds() + 0.999))
    try:
        await sqs.send_later(url, {**body, "due": clock.iso(due)}, seconds)
    except sqs.QueueUnavailable:
        log.exception("routing timer not scheduled: a read or the sweep runs it when due")


async def fire(timer: Mapping[str, Any]) -> None:
    """One timer's message, when SQS shows it (or again, redelivered: each is idempotent)."""
    due = clock.parse(str(timer["due"]))
    if due - clock.now() > timedelta(seconds=get_settings().routing_timer_grace_seconds):
        await schedule({k: v for k, v in timer.items() if k != "due"}, due)  # past 15 min
        return
    kind = timer.get("timer")
    if kind == WRAP_UP:
        await end_wrap_up(str(timer["agent"]), str(timer["until"]))
        return
    item = await (await get_transfers_repo()).get(str(timer["transfer_id"]))
    if item is None:
        return
    if kind == OFFER and item.attributes.get("offer_seq") == timer.get("seq"):
        await offer_ran_out(item)
    elif kind == WAIT and item.attributes.get("queue_seq") == timer.get("seq"):
        await wait_ran_out(item)


def _due(item: TransferRecord, field: str) -> bool:
    moment = item.attributes.get(field)
    return moment is not None and clock.parse(moment) <= clock.now()


async def catch_up(item: TransferRecord) -> TransferRecord:
    """Run the timers of a queued transfer that are due (its reader must not see an offer
    that ended, or a wait past its queue's limit), and answer the transfer as it is then."""
    if not item.attributes.get("queue") or item.status != TransferStatus.initiated:
        return item
    if item.attributes.get("offered_to") and _due(item, "offer_expires_at"):
        await offer_ran_out(item)
    elif _due(item, "wait_until"):
        await wait_ran_out(item)
    else:
        return item
    return await (await get_transfers_repo()).get(item.transfer_id) or item


# ---- who belongs where ---------------------------------------------------------------------


def members(queue: Mapping[str, Any]) -> set[str]:
    """A queue's members: the ones it lists and the ones whose token names it."""
    return set(queue.get("members") or []) | set(queue.get("claimed_members") or [])


async def queues_of(agent: str) -> list[dict[str, Any]]:
    return [q for q in await (await get_queues_repo()).all() if agent in members(q)]


def with_defaults(agents: Iterable[str], found: Mapping[str, dict[str, Any]]) -> list[dict]:
    """Presence of each agent; one never seen is available by choice (and offline, where
    presence needs a socket, until its console connects)."""
    return [found.get(a) or {"agent": a, "chosen": "available"} for a in sorted(agents)]


# ---- offers ------------------------------------------------------------------------------


def _ended(
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
    found = await (await get_presence_repo()).many(members(queue))
    free = {
        p["agent"]: p
        for p in with_defaults(members(queue), found)
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
            if queue.get("strategy") == Strategy.ring_all:
                chosen = [p["agent"] for p in candidates]
            else:
                offers = item.attributes.get("offers") or []
                chosen = [rules.longest_idle_first(candidates, offers)[0]["agent"]]
            refusal = await _offer(item, queue, chosen)
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


async def _offer(item: TransferRecord, queue: Mapping[str, Any], agents: list[str]) -> Any:
    moment = clock.now()
    now = clock.iso(moment)
    expires = moment + timedelta(seconds=int(queue.get("offer_timeout_seconds") or 20))
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
        requires_socket=get_settings().presence_requires_socket,
    )
    if refusal is None:
        metrics.count(metrics.OFFERS_MADE, len(agents))
        await schedule({"timer": OFFER, "transfer_id": item.transfer_id, "seq": seq}, expires)
    return refusal


async def _release(agents: Iterable[str], transfer_id: str, *, missed: bool) -> None:
    presence = await get_presence_repo()
    limit, now = get_settings().presence_missed_offers, clock.iso(clock.now())
    for agent in agents:
        await presence.release(agent, transfer_id, missed=missed, missed_limit=limit, now=now)


async def _move(
    item: TransferRecord,
    changes: dict[str, Any],
    *,
    removes: Sequence[str] = (),
    history: Mapping[str, Any] | None = None,
    offered_to: str | None = None,
    expires_at: int | None = None,
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
        )
    except ConditionFailed:
        return None


async def offer_ran_out(item: TransferRecord) -> None:
    """Nobody answered the offer in time: it moves on; the agents who let it run out count
    a missed offer (and go away after too many in a row)."""
    agents = list(item.attributes.get("offered_to") or [])
    now = clock.iso(clock.now())
    offers = _ended(
        item.attributes.get("offers") or [], dict.fromkeys(agents, OfferOutcome.timed_out), now
    )
    changes = {"offered_to": [], "offers": offers, "step": "offer_timed_out", "updated_at": now}
    if await _move(item, changes, removes=["offer_expires_at"]) is None:
        return  # accepted, declined or moved by another first: that one decided
    metrics.count(metrics.OFFERS_TIMED_OUT, len(agents))
    await _release(agents, item.transfer_id, missed=True)
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
        offers = _ended(
            item.attributes.get("offers") or [], {actor.sub: OfferOutcome.declined}, now, reason
        )
        left = [a for a in holders if a != actor.sub]
        changes = {"offered_to": left, "offers": offers, "step": "declined", "updated_at": now}
        moved = await _move(
            item, changes, removes=[] if left else ["offer_expires_at"], offered_to=actor.sub
        )
        if moved is None:
            continue
        metrics.count(metrics.OFFERS_DECLINED)
        await _release([actor.sub], transfer_id, missed=False)
        if not left:
            await dispatch(item.attributes["queue"])
        return moved
    raise IllegalTransition(
        "cannot decline the transfer: it changed while being declined",
        action="decline",
        current_status=TransferStatus.initiated.value,
    )


async def accept(item: TransferRecord, actor: Actor) -> TransferRecord:
    """The agent holding the offer takes the transfer; the others' offers are withdrawn."""
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
            "to_identity": item.to_identity or actor.sub,
            "offered_to": [],
            "offers": _ended(item.attributes.get("offers") or [], outcomes, now),
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
        await _release([a for a in holders if a != actor.sub], item.transfer_id, missed=False)
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


# ---- the line: entering, waiting too long, leaving ------------------------------------------


def entering(queue: Mapping[str, Any], priority: int, seq: int, now: datetime) -> dict[str, Any]:
    """The fields of a transfer entering `queue` now (its wait there counted afresh)."""
    wait = timedelta(seconds=int(queue.get("max_wait_seconds") or 300))
    return {
        "queue": queue["queue"],
        "priority": priority,
        "enqueued_at": clock.iso(now),
        "wait_until": clock.iso(now + wait),
        "queue_seq": seq,
    }


async def enqueued(item: TransferRecord) -> None:
    """A transfer just entered its queue: its wait timer, and offers if anyone is free."""
    wait_until = clock.parse(item.attributes["wait_until"])
    await schedule(
        {"timer": WAIT, "transfer_id": item.transfer_id, "seq": item.attributes["queue_seq"]},
        wait_until,
    )
    await dispatch(item.attributes["queue"])


async def wait_ran_out(item: TransferRecord) -> None:
    """Past the queue's max wait: to its overflow queue (once per queue), or the end."""
    queues = await get_queues_repo()
    here = item.attributes["queue"]
    queue = await queues.get(here)
    visited = list(item.attributes.get("queues_visited") or [here])
    overflow_name = (queue or {}).get("overflow_to")
    overflow = await queues.get(overflow_name) if overflow_name not in (None, *visited) else None
    holders = list(item.attributes.get("offered_to") or [])
    moment = clock.now()
    now = clock.iso(moment)
    offers = _ended(
        item.attributes.get("offers") or [], dict.fromkeys(holders, OfferOutcome.withdrawn), now
    )
    common = {"offered_to": [], "offers": offers, "updated_at": now}
    if overflow is not None:
        seq = int(item.attributes.get("queue_seq") or 0) + 1
        fields = entering(overflow, int(item.attributes.get("priority") or 5), seq, moment)
        changes = {
            **common,
            **fields,
            "queues_visited": [*visited, overflow["queue"]],
            "step": "overflowed",
        }
        moved = await _move(item, changes, removes=["offer_expires_at"])
        if moved is None:
            return
        metrics.count(metrics.TRANSFERS_OVERFLOWED)
        await _release(holders, item.transfer_id, missed=False)
        await enqueued(moved)
    else:
        outcome = rules.end_outcome(item.attributes.get("offers") or [])
        changes = {
            **common,
            "status": TransferStatus.expired.value,
            "outcome": outcome.value,
            "step": "expired",
        }
        history = {"status": TransferStatus.expired.value, "by": "system", "at": now}
        ttl = clock.epoch_after(moment, get_settings().record_ttl_days)
        if (
            await _move(
                item, changes, removes=["offer_expires_at"], history=history, expires_at=ttl
            )
            is None
        ):
            return
        metrics.count(metrics.TRANSFERS_EXPIRED)
        await _release(holders, item.transfer_id, missed=False)
    await dispatch(here)


def leaving(item: TransferRecord, now: str) -> tuple[dict[str, Any], list[str]]:
    """Changes and removals for a queued transfer leaving the line by a lifecycle move
    (cancelled, abandoned, expired while waiting): its open offers withdrawn."""
    holders = list(item.attributes.get("offered_to") or [])
    if not item.attributes.get("queue") or item.status != TransferStatus.initiated:
        return {}, []
    offers = _ended(
        item.attributes.get("offers") or [], dict.fromkeys(holders, OfferOutcome.withdrawn), now
    )
    return {"offered_to": [], "offers": offers}, ["offer_expires_at"]


async def after_move(before: TransferRecord, after: TransferRecord) -> None:
    """What a lifecycle move means for routing: an agent who accepted is busy; an accepted
    transfer that ended puts its agent into wrap-up (then free); offers a transfer held are
    released; and whoever is free again is offered what waits."""
    now_moment = clock.now()
    now = clock.iso(now_moment)
    presence = await get_presence_repo()
    freed_queues: set[str] = set()
    if after.status == TransferStatus.accepted and after.to_agent:
        await presence.take_now(after.to_agent, after.transfer_id, now)
        return
    holders = list(before.attributes.get("offered_to") or [])
    if holders:
        await _release(holders, before.transfer_id, missed=False)
        freed_queues.add(before.attributes["queue"])
    if before.status == TransferStatus.accepted and after.to_agent:
        queue = None
        if after.attributes.get("queue"):
            queue = await (await get_queues_repo()).get(after.attributes["queue"])
        wrap = int((queue or {}).get("wrap_up_seconds") or 0)
        until = clock.iso(now_moment + timedelta(seconds=wrap)) if wrap else None
        ended = await presence.end_transfer(after.to_agent, after.transfer_id, until, now)
        if ended is not None and until is not None:
            await schedule(
                {"timer": WRAP_UP, "agent": after.to_agent, "until": until}, clock.parse(until)
            )
        elif ended is not None:
            freed_queues |= {q["queue"] for q in await queues_of(after.to_agent)}
    for name in sorted(freed_queues):
        await dispatch(name)


async def end_wrap_up(agent: str, until: str) -> None:
    """A wrap-up ran out: the agent is free (if nothing replaced it) and offered what waits."""
    if await (await get_presence_repo()).end_wrap_up(agent, until) is None:
        return
    for queue in await queues_of(agent):
        await dispatch(queue["queue"])


async def dispatch_for(agent: str) -> None:
    """The agent may have become free: offer it what waits in its queues."""
    for queue in await queues_of(agent):
        await dispatch(queue["queue"])


# ---- what a waiting caller is told -------------------------------------------------------


async def place(item: TransferRecord) -> dict[str, int | None]:
    """A waiting transfer's position in its queue and the estimated wait."""
    name = item.attributes.get("queue")
    if not name or item.status != TransferStatus.initiated:
        return {}
    queues = await get_queues_repo()
    place_key = f"{item.attributes['priority']}#{item.attributes['enqueued_at']}#{item.transfer_id}"
    position = await queues.ahead_of(name, place_key) + 1
    queue = await queues.get(name) or {}
    settings = get_settings()
    now = clock.iso(clock.now())
    found = await (await get_presence_repo()).many(members(queue))
    staffed = sum(
        rules.status(p, now, requires_socket=settings.presence_requires_socket).value
        in ("available", "busy", "wrap_up")
        for p in with_defaults(members(queue), found)
    )
    estimate = rules.estimated_wait(position, queue.get("avg_accept_seconds"), staffed)
    return {"position": position, "estimated_wait_seconds": estimate}
