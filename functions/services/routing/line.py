"""A queue's line: a transfer entering it, waiting too long (overflow, or its end),
leaving it by a lifecycle move; its agents' wrap-up; and what a waiting caller is told."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from functions.domain import routing as rules
from functions.domain.models import TransferStatus
from functions.domain.models.transfer import OfferOutcome, Outcome
from functions.livekit import rooms as media
from functions.livekit import sip
from functions.services.routing.offers import (
    dispatch,
    ended,
    move_step,
    queues_of,
    release,
)
from functions.services.routing.timers import WAIT, WRAP_UP, schedule
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.calls import get_calls_repo
from functions.store.routing.presence import PresenceRepository, get_presence_repo
from functions.store.routing.queues import get_queues_repo
from functions.store.transfers import TransferRecord

log = logging.getLogger("warm_transfer.routing")


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
    offers = ended(
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
        moved = await move_step(item, changes, removes=["offer_expires_at"])
        if moved is None:
            return
        metrics.count(metrics.TRANSFERS_OVERFLOWED)
        await release(holders, item.transfer_id, missed=False)
        await enqueued(moved)
    else:
        if not await _end(item, queue, common, holders):
            return
    await dispatch(here)


async def _end(
    item: TransferRecord,
    queue: Mapping[str, Any] | None,
    common: dict[str, Any],
    holders: list[str],
) -> bool:
    """Past the last queue: out to the queue's fallback number when it has one and the caller
    can be transferred (outcome transferred_out), else expired: no_agent or no_answer."""
    phone = (queue or {}).get("fallback_phone")
    claimed = item
    if phone and item.caller_room and media.is_configured():
        # Out of the line first (no offer can land while the phone rings), then the REFER.
        taken = await move_step(
            item,
            {**common, "step": "transferring_out"},
            removes=["offer_expires_at"],
            leave_line=True,
        )
        if taken is None:
            return False
        await release(holders, item.transfer_id, missed=False)
        claimed, holders, common = taken, [], {"updated_at": clock.iso(clock.now())}
        if await _transferred_out(taken, str(phone)):
            return await finish(
                taken,
                TransferStatus.completed,
                Outcome.transferred_out,
                {**common, "transferred_to": phone},
                holders,
            )
    outcome = rules.end_outcome(item.attributes.get("offers") or [])
    return await finish(claimed, TransferStatus.expired, outcome, common, holders)


async def _transferred_out(item: TransferRecord, phone: str) -> bool:
    call = await (await get_calls_repo()).get(item.attributes["call_id"])
    identity = call.attributes.get("caller_identity") if call else None
    if not identity:
        log.warning("no caller_identity on the call: cannot transfer it out")
        return False
    briefing = item.attributes.get("briefing") or {}
    headers = {
        "X-Transfer-Id": item.transfer_id,
        "X-Transfer-Summary": sip.ascii_summary(str(briefing.get("spoken") or "")),
    }
    done = await sip.transfer_out(str(item.caller_room), str(identity), phone, headers)
    if not done.ok:
        log.warning("transfer out failed", extra={"reason": done.reason})
    return done.ok


async def finish(
    item: TransferRecord,
    status: TransferStatus,
    outcome: Outcome,
    common: dict[str, Any],
    holders: list[str],
) -> bool:
    moment = clock.now()
    now = clock.iso(moment)
    changes = {**common, "status": status.value, "outcome": outcome.value, "step": status.value}
    history = {"status": status.value, "by": "system", "at": now}
    ttl = clock.epoch_after(moment, get_settings().transfer_retention_days)
    moved = await move_step(
        item, changes, removes=["offer_expires_at"], history=history, expires_at=ttl
    )
    if moved is None:
        return False
    metrics.count(
        metrics.TRANSFERS_EXPIRED if status is TransferStatus.expired else metrics.TRANSFERS_OUT
    )
    await release(holders, item.transfer_id, missed=False)
    return True


def leaving(item: TransferRecord, now: str) -> tuple[dict[str, Any], list[str]]:
    """Changes and removals for a queued transfer leaving the line by a lifecycle move
    (cancelled, abandoned, expired while waiting), or a transfer to a phone still ringing:
    its open offers withdrawn."""
    holders = list(item.attributes.get("offered_to") or [])
    routed = item.attributes.get("queue") or item.attributes.get("to_phone")
    if not routed or item.status != TransferStatus.initiated:
        return {}, []
    offers = ended(
        item.attributes.get("offers") or [], dict.fromkeys(holders, OfferOutcome.withdrawn), now
    )
    return {"offered_to": [], "offers": offers}, ["offer_expires_at"]


async def after_move(
    before: TransferRecord, after: TransferRecord, presence: PresenceRepository | None = None
) -> None:
    """What a lifecycle move means for routing: an agent who accepted is busy; an accepted
    transfer that ended puts its agent into wrap-up (then free); offers a transfer held are
    released; and whoever is free again is offered what waits. `before` is the transfer as
    the request first read it: the move may have been decided again from a later state
    (a lost race), which the history's second-last entry names."""
    now_moment = clock.now()
    now = clock.iso(now_moment)
    presence = presence or await get_presence_repo()
    freed_queues: set[str] = set()
    if after.status == TransferStatus.accepted and after.to_agent:
        await presence.take_now(after.to_agent, after.transfer_id, now)
        return
    withdrawn = {
        o["agent"]
        for o in after.attributes.get("offers") or []
        if o.get("outcome") == "withdrawn" and o.get("ended_at") == after.attributes["updated_at"]
    }
    holders = sorted(withdrawn | set(before.attributes.get("offered_to") or []))
    if holders:
        await release(holders, before.transfer_id, missed=False)
        if after.attributes.get("queue"):  # a phone dialled for a to_phone transfer has none
            freed_queues.add(after.attributes["queue"])
    moved_from = after.history[-2]["status"] if len(after.history) > 1 else None
    if moved_from == TransferStatus.accepted and after.to_agent:
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
    found = await (await get_presence_repo()).many(rules.members(queue))
    staffed = sum(
        rules.status(p, now, requires_socket=settings.presence_requires_socket).value
        in ("available", "busy", "wrap_up")
        for p in rules.with_defaults(rules.members(queue), found)
    )
    estimate = rules.estimated_wait(position, queue.get("avg_accept_seconds"), staffed)
    return {"position": position, "estimated_wait_seconds": estimate}
