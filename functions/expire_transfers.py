"""Scheduled every minute (serverless.yml): expire initiated transfers nobody accepted in
TRANSFER_ACCEPT_TIMEOUT_SECONDS, through the by_status index (never a Scan)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from functions.domain import expiry
from functions.shared import logs

FUNCTION = "expire_transfers"
log = logging.getLogger("warm_transfer.expiry")
logs.configure()
# One loop per container, kept between invocations: the DynamoDB client made on it is
# reused by every warm run (as Mangum does for the HTTP functions).
_loop: asyncio.AbstractEventLoop | None = None


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
    with logs.bound(FUNCTION, logs.correlation_id(event, context), context):
        try:
            result = _loop.run_until_complete(expiry.sweep())
        except Exception:
            log.exception("expiry sweep failed")
            raise  # the scheduler's retry, then the next minute, pick up what is left
        log.info("expiry sweep", extra={"count": result.expired})
    return {"expired": result.expired, "skipped": result.skipped, "more": result.more}
