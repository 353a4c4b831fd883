"""Starting a warm transfer: the call, who is on which side, the LiveKit identities, the
briefing written while the consult room opens, a queue's line entered, the record stored."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from functions.domain.actor import Actor
from functions.domain.errors import (
    Conflict,
    Forbidden,
    NotFound,
)
from functions.domain.models import MEDIA_NAME_PATTERN, Role, TransferStatus
from functions.domain.models.call import Call, CreateCallRequest, TranscriptLine
from functions.domain.models.transfer import (
    DEFAULT_PRIORITY,
    InitiatedTransfer,
    InitiateTransferRequest,
)
from functions.livekit import rooms as media
from functions.services import calls, routing
from functions.services.briefing import write_briefing
from functions.services.rooms import media_steps as transfer_media
from functions.shared import clock, metrics
from functions.store.errors import ItemExists, ItemMissing
from functions.store.routing.queues import get_queues_repo
from functions.store.transfers import get_transfers_repo


def _sides(actor: Actor, request: InitiateTransferRequest) -> tuple[str | None, str | None]:
    """(from_agent, to_agent). A service is not an agent: it is recorded as the initiator
    (history), never as from_agent, so an agent whose id equals a service's gains nothing."""
    if actor.role is Role.agent:
        if request.from_agent not in (None, actor.sub):
            raise Forbidden("an agent can only transfer its own calls (from_agent)")
        return actor.sub, request.to_agent
    return request.from_agent, request.to_agent


async def _call_of(request: InitiateTransferRequest, actor: Actor) -> Call:
    """The call to transfer: the one named, or (older API) a new one holding the free text."""
    call_id = request.call_id
    if call_id is None:
        opened = await calls.create_call(CreateCallRequest(), actor, context=request.call_context)
        call_id = opened.call_id
    # An agent transfers only a call it is on: any other is not found.
    return await calls.get_call(call_id, actor)


def _caller_room(request: InitiateTransferRequest, actor: Actor, call: Call) -> str | None:
    """The caller's LiveKit room comes from the service side: the call's metadata (set by
    the voice pipeline) or a service's request. An agent naming it could then mint itself
    a token for any room, so an agent never names it."""
    known = call.metadata.get("caller_room")
    if known is not None and not re.fullmatch(MEDIA_NAME_PATTERN, known):
        known = None  # free-form metadata that cannot be a room name
    if request.caller_room is None:
        return known
    if actor.role is not Role.service:
        raise Forbidden("only a service names the caller's room (the call's metadata)")
    if known is not None and request.caller_room != known:
        raise Conflict(f"the call's caller_room is {known}, not {request.caller_room}")
    return request.caller_room


async def _store_new(transfer: InitiatedTransfer, routing_fields: dict[str, Any]) -> None:
    """`routing_fields`: a queued (or phoned) transfer's bookkeeping (its wait's end,
    sequence numbers its timers carry), stored beside what the model shows."""
    agents = [a for a in (transfer.from_agent, transfer.to_agent) if a]
    stored = transfer.model_dump(mode="json", exclude={"join_tokens"}) | routing_fields
    try:
        await (await get_transfers_repo()).create(stored, agents)
    except ItemMissing as exc:
        raise NotFound(f"call {transfer.call_id} not found") from exc
    except ItemExists:
        # The id is new, so it exists only if this very transaction landed and its answer
        # was lost (the client's retry found it): transfer and call update are stored.
        pass


async def _queue_fields(request: InitiateTransferRequest) -> dict[str, Any]:
    """A transfer to a queue enters its line (a queue that does not exist is a 404)."""
    if request.to_queue is None:
        return {}
    queue = await (await get_queues_repo()).get(request.to_queue)
    if queue is None:
        raise NotFound(f"queue {request.to_queue} not found")
    priority = request.priority or DEFAULT_PRIORITY
    return routing.entering(queue, priority, 1, clock.now()) | {"step": "queued"}


async def _check_identities(
    request: InitiateTransferRequest, actor: Actor, call: Call, caller_room: str | None
) -> None:
    """LiveKit identities are derived from who people are: an agent never names one (it
    could name the caller's and be let into the caller's room as the caller, evicting them);
    a service never names the caller's, nor a receiving identity already in the caller's
    room."""
    named = [i for i in (request.from_identity, request.to_identity) if i is not None]
    if not named:
        return
    if actor.role is not Role.service:
        raise Forbidden("only a service names LiveKit identities; an agent's is its id")
    if call.caller_identity is not None and call.caller_identity in named:
        raise Conflict(f"{call.caller_identity} is the caller's identity in the caller's room")
    if request.to_identity is not None and caller_room is not None and media.is_configured():
        present = {p.identity for p in await media.list_participants(caller_room)}
        if request.to_identity in present:
            raise Conflict(f"{request.to_identity} is already in the caller's room")


async def initiate(request: InitiateTransferRequest, actor: Actor) -> InitiatedTransfer:
    from_agent, to_agent = _sides(actor, request)
    if to_agent is not None and to_agent == from_agent:
        raise Conflict("a call cannot be transferred to the agent who has it")
    queued = await _queue_fields(request)
    if request.to_phone is not None:
        queued = routing.offer_to_phone(request.to_phone, request.dtmf)
    call = await _call_of(request, actor)
    caller_room = _caller_room(request, actor, call)
    await _check_identities(request, actor, call, caller_room)
    transfer_id = calls.new_id()
    # The consult room (LiveKit) is opened while the LLM writes the briefing.
    result, media_fields = await asyncio.gather(
        write_briefing(
            [TranscriptLine(speaker=t.speaker.value, text=t.text) for t in call.turns],
            reason=request.reason,
            context=call.context,
            caller=call.caller,
            language=request.briefing_language,
        ),
        transfer_media.open_consult(transfer_id, caller_room),
    )
    now = clock.iso(clock.now())
    transfer = InitiatedTransfer(
        transfer_id=transfer_id,
        call_id=call.call_id,
        status=TransferStatus.initiated,
        from_agent=from_agent,
        to_agent=to_agent,
        reason=request.reason,
        briefing=result.briefing,
        briefing_provider=result.provider,
        briefing_fallback_reason=result.fallback_reason,
        transcript_language=result.transcript_language,
        briefing_language=result.briefing_language,
        briefing_corrections=list(result.corrections),
        created_at=now,
        updated_at=now,
        version=1,
        history=[{"status": TransferStatus.initiated, "by": actor.sub, "at": now}],
        # The first side's LiveKit identity: the agent's, else the service's (the voice side
        # holding the caller), as the older API always recorded it.
        from_identity=request.from_identity or from_agent or actor.sub,
        to_identity=request.to_identity or to_agent,
        **media_fields,
        **queued,
    )
    await _store_new(transfer, queued)
    metrics.count(metrics.TRANSFERS_INITIATED)
    if request.to_phone is not None:
        await routing.schedule_dial(transfer_id, 1, transfer.offered_to[0])
    elif queued:
        record = await (await get_transfers_repo()).get(transfer_id)
        if record is not None:
            await routing.enqueued(record)
            record = await (await get_transfers_repo()).get(transfer_id) or record
            transfer = InitiatedTransfer(**record.attributes, **await routing.place(record))
    # Join tokens go in the response only: minted after the write, never stored.
    transfer.join_tokens = transfer_media.join_tokens(transfer)
    return transfer
