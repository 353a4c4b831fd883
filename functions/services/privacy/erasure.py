"""Erasure on the caller's request (GDPR art. 17): DELETE /calls/{call_id} erases the
transcript, the caller's details and every briefing of the call's transfers, closes their
consult rooms, and keeps a tombstone (who, when, counts: no content) for the audit. It is
idempotent: a repeat runs the steps again (a first run cut short is finished) and answers
the first tombstone. Later reads of the call are 410 call-erased; webhooks get call.erased
(the stream: the tombstone's first write)."""

from __future__ import annotations

import logging
from contextlib import suppress

from functions.domain.actor import Actor
from functions.domain.errors import LiveKitFailed, LiveKitNotConfigured, NotFound
from functions.domain.models.privacy import ErasedCall
from functions.livekit import rooms as media
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.errors import ItemMissing
from functions.store.privacy.erasure import get_erasure_repo

log = logging.getLogger("warm_transfer.privacy")


async def erase(call_id: str, actor: Actor) -> ErasedCall:
    repo = await get_erasure_repo()
    moment = clock.now()
    tombstone = {
        "erased_at": clock.iso(moment),
        "erased_by": actor.sub,
        "erased_role": actor.role.value if actor.role else "system",
    }
    keep = clock.epoch_after(moment, get_settings().audit_retention_days)
    try:
        call = await repo.mark(call_id, tombstone, keep)
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    # From here no turn and no transfer can be added: every seq a turn can have is known.
    seqs = await repo.blank_turns(call_id, int(call.get("turn_count") or 0), keep)
    transfer_ids = [str(t) for t in call.get("transfer_ids") or []]
    erased = 0
    for transfer_id in transfer_ids:
        found, consult_room = await repo.blank_briefing(transfer_id)
        erased += found
        if consult_room:  # what is said there is the call too
            with suppress(LiveKitFailed, LiveKitNotConfigured):
                await media.delete_room(str(consult_room))
    turns = int(call.get("erased_turns") or 0) or seqs
    await repo.count(call_id, turns, erased)
    if call["erased_at"] == tombstone["erased_at"]:
        metrics.count(metrics.CALLS_ERASED)
    log.info("call erased", extra={"turns": turns, "transfers": erased})
    return ErasedCall(
        call_id=call_id,
        erased_at=call["erased_at"],
        erased_by=call["erased_by"],
        erased_role=call["erased_role"],
        turns=turns,
        transfers=erased,
    )
