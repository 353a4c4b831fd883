"""Routing's timers: an SQS message per offer, queue wait and wrap-up, delayed until due
(SQS counts whole seconds, at most 15 minutes: a later one is sent again when it shows);
and one per phone to dial, due at once (the timer function waits for the phone's answer,
which an HTTP request should not)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from functions.messaging import queue as sqs
from functions.shared import clock
from functions.shared.settings import get_settings

log = logging.getLogger("warm_transfer.routing")

OFFER, WAIT, WRAP_UP, DIAL = "offer", "wait", "wrap_up", "dial"
# A phone's offer ends this long after its ringing timeout: the dial's own answer (answered,
# busy, rang out) decides first; the offer's end moves it on only if the dial was lost.
DIAL_MARGIN_SECONDS = 10


async def schedule(body: dict[str, Any], due: datetime) -> None:
    """A timer: an SQS message that becomes visible when `due` (SQS counts whole seconds)."""
    url = get_settings().routing_timer_queue_url
    if not url:
        return  # reads and the sweep run timers when they find them due
    seconds = max(0, int((due - clock.now()).total_seconds() + 0.999))
    try:
        await sqs.send_later(url, {**body, "due": clock.iso(due)}, seconds)
    except sqs.QueueUnavailable:
        log.exception("routing timer not scheduled: a read or the sweep runs it when due")


async def schedule_dial(transfer_id: str, seq: int, phone_key: str) -> None:
    await schedule(
        {"timer": DIAL, "transfer_id": transfer_id, "seq": seq, "phone": phone_key}, clock.now()
    )
