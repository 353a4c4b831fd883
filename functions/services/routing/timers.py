"""Routing's timers: an SQS message per offer, queue wait and wrap-up, delayed until due
(SQS counts whole seconds, at most 15 minutes: a later one is sent again when it shows)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from functions.messaging import queue as sqs
from functions.shared import clock
from functions.shared.settings import get_settings

log = logging.getLogger("warm_transfer.routing")

OFFER, WAIT, WRAP_UP = "offer", "wait", "wrap_up"


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
