"""What LiveKit tells us of the rooms (its webhooks): the caller hanging up abandons the
call's open transfer; the receiving agent (or a dialled phone) joining the consult room,
then the caller's room, is recorded as `agent_joined_at` and `connected_at`; a consult room
LiveKit closed is recorded. Each webhook is applied once, by its id."""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from functions.domain.actor import SYSTEM
from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.lifecycle import Action
from functions.domain.models import TransferStatus
from functions.livekit import webhooks as livekit_webhooks
from functions.livekit.rooms import transfer_id_of
from functions.services import transfers
from functions.shared import clock
from functions.store.calls import get_calls_repo
from functions.store.errors import ConditionFailed
from functions.store.receipts import get_receipts_repo
from functions.store.transfers import TransferRecord, get_transfers_repo

log = logging.getLogger("warm_transfer.telephony")
OPEN = (TransferStatus.initiated.value, TransferStatus.accepted.value)
# Open transfers of one caller's room read per webhook (a call has one or two at a time).
ROOM_TRANSFERS = 20


async def receive(body: str, authorization: str | None) -> bool:
    """Verify and apply one LiveKit webhook; False when it was applied before."""
    event = livekit_webhooks.receive(body, authorization)
    keep = clock.epoch_after(clock.now(), 2)  # LiveKit retries for minutes, not days
    if not await (await get_receipts_repo()).first_time("livekit", event.id, keep):
        return False
    moment = datetime.fromtimestamp(event.created_at, UTC) if event.created_at else clock.now()
    when = clock.iso(moment)
    consult_of = transfer_id_of(event.room)
    if consult_of is not None:
        await _consult_room(consult_of, event, when)
    elif event.event == "participant_left":
        await _caller_left(event)
    elif event.event == "participant_joined":
        await _joined_caller_room(event, when)
    return True


async def _open_in(room: str) -> list[TransferRecord]:
    repo = await get_transfers_repo()
    found: list[TransferRecord] = []
    for status in OPEN:
        page, _ = await repo.list_page(
            agent=None, status=status, limit=ROOM_TRANSFERS, start=None, caller_room=room
        )
        found += page
    return found


async def _is_caller(item: TransferRecord, event: livekit_webhooks.RoomEvent) -> bool:
    """The participant is the call's caller: the identity the voice side named, else the
    phone (SIP participant) of the caller's room."""
    call = await (await get_calls_repo()).get(item.attributes["call_id"])
    named = (call.attributes.get("caller_identity") if call else None) or None
    if named is not None:
        return event.identity == named
    return event.sip and event.identity not in (item.from_identity, item.to_identity)


async def _caller_left(event: livekit_webhooks.RoomEvent) -> None:
    for item in await _open_in(event.room):
        if not await _is_caller(item, event):
            continue
        with suppress(IllegalTransition, NotFound):  # ended meanwhile: nothing to abandon
            await transfers.move(item.transfer_id, Action.abandon, SYSTEM)
        log.info("caller left: transfer abandoned", extra={"transfer_id": item.transfer_id})


async def _record(item: TransferRecord, field: str, step: str | None, when: str) -> None:
    """Set `field` once (the first join counts), as a change of the transfer (an event)."""
    if item.attributes.get(field):
        return
    changes: dict[str, Any] = {field: when, "updated_at": clock.iso(clock.now())}
    if step is not None:
        changes["step"] = step
    try:
        await (await get_transfers_repo()).update(
            item.transfer_id,
            expected_status=item.status,
            expected_version=item.version,
            changes=changes,
            history_entry=None,
        )
    except ConditionFailed:
        log.info("transfer changed first: join not recorded", extra={"field": field})


async def _consult_room(transfer_id: str, event: livekit_webhooks.RoomEvent, when: str) -> None:
    item = await (await get_transfers_repo()).get(transfer_id)
    if item is None:
        return
    if event.event == "room_finished":
        await _record(item, "consult_room_finished_at", None, when)
        return
    receiving = event.identity is not None and event.identity == item.to_identity
    if event.event == "participant_joined" and (receiving or event.sip):
        await _record(item, "agent_joined_at", "agent_joined", when)


async def _joined_caller_room(event: livekit_webhooks.RoomEvent, when: str) -> None:
    for item in await _open_in(event.room):
        if item.status == TransferStatus.accepted and event.identity == item.to_identity:
            await _record(item, "connected_at", "connected", when)
