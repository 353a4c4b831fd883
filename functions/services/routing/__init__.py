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

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from functions.domain.models import TransferStatus
from functions.domain.routing import members, with_defaults
from functions.services.routing.line import (
    after_move,
    dispatch_for,
    end_wrap_up,
    enqueued,
    entering,
    leaving,
    place,
    wait_ran_out,
)
from functions.services.routing.offers import (
    accept,
    decline,
    dispatch,
    offer_ran_out,
    queues_of,
)
from functions.services.routing.phones import offer_to_phone, ring
from functions.services.routing.timers import DIAL, OFFER, WAIT, WRAP_UP, schedule, schedule_dial
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.transfers import TransferRecord, get_transfers_repo

__all__ = [
    "accept",
    "after_move",
    "catch_up",
    "decline",
    "dispatch",
    "dispatch_for",
    "enqueued",
    "entering",
    "fire",
    "leaving",
    "members",
    "offer_to_phone",
    "place",
    "queues_of",
    "schedule_dial",
    "with_defaults",
]


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
    if kind == DIAL and item.attributes.get("offer_seq") == timer.get("seq"):
        await ring(item, str(timer["phone"]))
    elif kind == OFFER and item.attributes.get("offer_seq") == timer.get("seq"):
        await offer_ran_out(item)
    elif kind == WAIT and item.attributes.get("queue_seq") == timer.get("seq"):
        await wait_ran_out(item)


# A read runs a queue's wait timer only this long after it was due: the timer function
# (which can reach LiveKit for a fallback number) goes first; a read covers a lost timer.
READ_GRACE = timedelta(seconds=30)


def _due(item: TransferRecord, field: str, grace: timedelta = timedelta(0)) -> bool:
    moment = item.attributes.get(field)
    return moment is not None and clock.parse(moment) + grace <= clock.now()


async def catch_up(item: TransferRecord) -> TransferRecord:
    """Run the timers of a queued transfer that are due (its reader must not see an offer
    that ended, or a wait past its queue's limit), and answer the transfer as it is then."""
    if not item.attributes.get("queue") or item.status != TransferStatus.initiated:
        return item
    if item.attributes.get("offered_to") and _due(item, "offer_expires_at"):
        await offer_ran_out(item)
    elif _due(item, "wait_until", READ_GRACE):
        await wait_ran_out(item)
    else:
        return item
    return await (await get_transfers_repo()).get(item.transfer_id) or item
