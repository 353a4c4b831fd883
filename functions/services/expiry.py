"""The expiry sweep: initiated transfers nobody accepted within the timeout become expired;
queued ones have the timers they missed run (routing.catch_up).

Reads also expire an overdue transfer (transfers._load); the sweep makes it happen for
transfers nobody reads, so lists and inboxes show them as expired.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.models import TransferStatus
from functions.services import routing, transfers
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.transfers import TransferRecord, get_transfers_repo

# Conditional writes in flight at once: enough to clear a backlog in seconds, few enough
# not to burst the table.
CONCURRENCY = 10


@dataclass(frozen=True)
class SweepResult:
    expired: int  # moved to expired by this run
    skipped: int  # moved by someone else first (accepted or cancelled in the meantime)
    more: bool  # the run stopped at its limit: the next run continues


async def sweep() -> SweepResult:
    settings = get_settings()
    cutoff = clock.now() - timedelta(seconds=settings.transfer_accept_timeout_seconds)
    limit = settings.expiry_sweep_max_items
    repo = await get_transfers_repo()
    overdue = await repo.created_before(TransferStatus.initiated.value, clock.iso(cutoff), limit)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(item: TransferRecord) -> bool:
        async with gate:
            if item.attributes.get("queue"):
                # A queue's wait ends by its own timer (overflow, then its end): run any
                # timer that was lost, never the accept timeout.
                return (await routing.catch_up(item)).status != TransferStatus.initiated
            try:
                await transfers.expire(item)
                return True
            except (IllegalTransition, NotFound):
                return False

    # A TaskGroup: if the store fails, the rest stop and the error ends the run (the next
    # run, a minute later, picks up whatever is left).
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(one(item)) for item in overdue]
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from failed
    done = sum(t.result() for t in tasks)
    return SweepResult(expired=done, skipped=len(overdue) - done, more=len(overdue) >= limit)
