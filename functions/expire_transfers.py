"""Scheduled every minute (serverless.yml): expire initiated transfers nobody accepted in
TRANSFER_ACCEPT_TIMEOUT_SECONDS, through the by_status index (never a Scan)."""

from __future__ import annotations

import logging
from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services import expiry

log = logging.getLogger("warm_transfer.expiry")


@event_function("expire_transfers")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    try:
        result = lambda_loop.run(expiry.sweep())
    except Exception:
        log.exception("expiry sweep failed")
        raise  # the scheduler's retry, then the next minute, pick up what is left
    log.info("expiry sweep", extra={"count": result.expired})
    return {"expired": result.expired, "skipped": result.skipped, "more": result.more}
