"""Phones in routing: a transfer offered to a phone (a queue's phone member, or a transfer
`to_phone`) is dialled into its consult room by the timer function (LiveKit SIP, waiting
for the answer within the ringing timeout). Answered, the phone accepts the transfer; busy,
rung out or failed, its offer ends so (a typed outcome) and the transfer moves on: a queue
offers it to its next member, a transfer to that phone alone expires (no_answer)."""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import timedelta
from typing import Any

from functions.domain import routing as rules
from functions.domain.actor import Actor
from functions.domain.errors import (
    IllegalTransition,
    LiveKitFailed,
    LiveKitNotConfigured,
    NotFound,
    SipNotConfigured,
)
from functions.domain.models import Role, TransferStatus
from functions.domain.models.transfer import OfferOutcome, Outcome
from functions.livekit import agents, sip
from functions.livekit import rooms as media
from functions.services import calls
from functions.services.routing.line import finish
from functions.services.routing.offers import accept, dispatch, ended, move_step, release
from functions.services.routing.timers import DIAL_MARGIN_SECONDS
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.routing.presence import get_presence_repo
from functions.store.routing.queues import get_queues_repo
from functions.store.transfers import TransferRecord

log = logging.getLogger("warm_transfer.routing")


def offer_to_phone(phone: str, dtmf: str | None) -> dict[str, Any]:
    """A transfer `to_phone`: offered to that phone from the start (checked first: LiveKit
    and an outbound trunk are configured, or a 503 before anything is written)."""
    media.require_credentials()
    sip.outbound_trunk()
    moment = clock.now()
    until = moment + timedelta(seconds=ring_seconds(None) + DIAL_MARGIN_SECONDS)
    key = rules.phone_key(phone)
    fields = {
        "to_phone": phone,
        "offered_to": [key],
        "offers": [{"agent": key, "offered_at": clock.iso(moment)}],
        "offer_seq": 1,
        "offer_expires_at": clock.iso(until),
        "step": "offered",
    }
    return fields | ({"to_phone_dtmf": dtmf} if dtmf else {})


def ring_seconds(queue: dict[str, Any] | None) -> int:
    """A phone rings for the queue's offer timeout, within what the timer function can wait."""
    cap = get_settings().sip_ringing_timeout_seconds
    return min(cap, int((queue or {}).get("offer_timeout_seconds") or cap))


async def number_for(
    item: TransferRecord, key: str, queue: dict[str, Any] | None
) -> tuple[str | None, str | None]:
    """(phone, dtmf) to dial for `key`: the transfer's to_phone, a queue's phone member, or
    the phone an agent gave for while its console is closed (None: it took it back)."""
    if item.attributes.get("to_phone"):
        return item.attributes["to_phone"], item.attributes.get("to_phone_dtmf")
    if rules.is_phone(key):
        for member in (queue or {}).get("members") or []:
            if isinstance(member, dict) and rules.phone_key(member["phone"]) == key:
                return member["phone"], member.get("dtmf")
        return rules.phone_of(key), None
    record = await (await get_presence_repo()).get(key) or {}
    return record.get("phone"), record.get("phone_dtmf")


async def ring(item: TransferRecord, key: str) -> None:
    """Dial the phone `key` the transfer is offered to (a DIAL timer; idempotent: a phone
    no longer holding the offer is not dialled)."""
    if item.status != TransferStatus.initiated or key not in (
        item.attributes.get("offered_to") or []
    ):
        return
    queue = None
    if item.attributes.get("queue"):
        queue = await (await get_queues_repo()).get(item.attributes["queue"])
    phone, dtmf = await number_for(item, key, queue)
    if phone is None:
        await missed(item, key, OfferOutcome.failed, None)
        return
    identity = rules.phone_identity(phone)
    briefing = item.attributes.get("briefing") or {}
    headers = {
        "X-Transfer-Id": item.transfer_id,
        "X-Transfer-Summary": sip.ascii_summary(str(briefing.get("spoken") or "")),
    }
    try:
        if not item.consult_room:
            raise LiveKitNotConfigured("the transfer has no consult room to dial into")
        dialled = await sip.dial(
            str(item.consult_room),
            identity,
            phone,
            ring_seconds=ring_seconds(queue),
            dtmf=dtmf,
            headers=headers,
        )
    except (SipNotConfigured, LiveKitNotConfigured) as exc:
        dialled = sip.Dialled(False, detail=exc.detail)
    if dialled.answered:
        await _answered(item, key, identity)
        return
    outcome = rules.dial_outcome(dialled.sip_status, timed_out=dialled.timed_out)
    log.info("phone not answered", extra={"outcome": outcome.value, "detail": dialled.detail})
    metrics.count(metrics.PHONES_NOT_ANSWERED)
    await missed(item, key, outcome, dialled.sip_status)


async def _answered(item: TransferRecord, key: str, identity: str) -> None:
    phone = Actor(sub=key, role=Role.agent)
    try:
        taken = await accept(item, phone, identity=identity)
        await calls.follow_transfer(taken.attributes)  # the phone is who is on the call
    except (IllegalTransition, NotFound):
        # Taken, withdrawn or ended while it rang: the one who answered is hung up.
        log.info("phone answered after its offer ended: hung up")
        with suppress(LiveKitFailed, LiveKitNotConfigured):
            await media.remove_participant(str(item.consult_room), identity)
        return
    await _brief(str(item.consult_room))


async def _brief(consult_room: str) -> None:
    """The voice agent speaks the briefing to the phone (it has no screen to read it on):
    dispatched into the consult room with the transfer's id, once. Without it the phone
    still has the caller; the failure is logged, never undoes the accept."""
    try:
        if not await agents.dispatches(consult_room):
            await agents.start(consult_room, None)
    except (LiveKitFailed, LiveKitNotConfigured):
        log.warning("voice agent not dispatched to brief the phone", exc_info=True)


async def missed(
    item: TransferRecord, key: str, outcome: OfferOutcome, sip_status: int | None
) -> None:
    """The phone did not answer: its offer ends with `outcome`; the transfer moves on."""
    now = clock.iso(clock.now())
    offers = [
        o
        | (
            {"sip_status": sip_status}
            if sip_status and o["agent"] == key and "outcome" not in o
            else {}
        )
        for o in item.attributes.get("offers") or []
    ]
    offers = ended(offers, {key: outcome}, now)
    left = [a for a in item.attributes.get("offered_to") or [] if a != key]
    common = {"offered_to": left, "offers": offers, "updated_at": now}
    if not item.attributes.get("queue"):
        await finish(item, TransferStatus.expired, Outcome.no_answer, common, [key])
        return
    removes = [] if left else ["offer_expires_at"]
    if await move_step(item, {**common, "step": "dial_failed"}, removes=removes) is None:
        return  # accepted, withdrawn or moved first: that decided
        await release([key], item.transfer_id, missed=False)
    if not left:
        await dispatch(item.attributes["queue"])
