"""Warm transfers: start one with a briefing, read and list them, move them along."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

from functions.domain.actor import SYSTEM, Actor
from functions.domain.call_models import Call, CreateCallRequest, TranscriptLine
from functions.domain.errors import (
    Conflict,
    Forbidden,
    IllegalTransition,
    NotFound,
)
from functions.domain.lifecycle import TERMINAL, Action, authorise, can_see, target
from functions.domain.models import MEDIA_NAME_PATTERN, Role, TransferStatus
from functions.domain.transfer_models import (
    DEFAULT_PRIORITY,
    InitiatedTransfer,
    InitiateTransferRequest,
    Outcome,
    Transfer,
)
from functions.livekit import rooms as media
from functions.services import calls, routing
from functions.services.briefing import write_briefing
from functions.services.rooms import media_steps as transfer_media
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.calls import CallRepository, get_calls_repo
from functions.store.errors import ConditionFailed, ItemExists, ItemMissing
from functions.store.presence import PresenceRepository
from functions.store.queues import get_queues_repo
from functions.store.transfers import TransferRecord, TransferRepository, get_transfers_repo

MAX_MOVE_ATTEMPTS = 3


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
    """`routing_fields`: a queued transfer's bookkeeping (its wait's end, sequence numbers
    its timers carry), stored beside what the model shows."""
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
    if queued:
        record = await (await get_transfers_repo()).get(transfer_id)
        if record is not None:
            await routing.enqueued(record)
            record = await (await get_transfers_repo()).get(transfer_id) or record
            transfer = InitiatedTransfer(**record.attributes, **await routing.place(record))
    # Join tokens go in the response only: minted after the write, never stored.
    transfer.join_tokens = transfer_media.join_tokens(transfer)
    return transfer


def _claimed_first(item: TransferRecord) -> IllegalTransition:
    return IllegalTransition(
        "cannot accept the transfer: another agent accepted it first",
        action=Action.accept.value,
        current_status=item.status,
    )


def _overdue(item: TransferRecord) -> bool:
    timeout = timedelta(seconds=get_settings().transfer_accept_timeout_seconds)
    return (
        item.status == TransferStatus.initiated
        and not _queued(item)
        and (clock.parse(item.created_at) + timeout <= clock.now())
    )


async def _load(
    transfer_id: str,
    actor: Actor,
    action: Action | None = None,
    repo: TransferRepository | None = None,
) -> TransferRecord:
    item = await (repo or await get_transfers_repo()).get(transfer_id)
    if item is None:
        raise NotFound(f"transfer {transfer_id} not found")
    offered = [o["agent"] for o in item.attributes.get("offers") or []]
    if not can_see(actor, item.from_agent, item.to_agent, offered if _queued(item) else None):
        if action is Action.accept and actor.sub in offered:
            # Offered to this agent once, then taken by another or moved on: it saw it.
            raise IllegalTransition(
                "cannot accept the transfer: its offer to you has ended",
                action=Action.accept.value,
                current_status=item.status,
            )
        if action is Action.accept and item.attributes.get("claimed"):
            # It was open to every agent and another claimed it first: this one saw it,
            # so say so, as when the claims race (not a 404 that pretends it is gone).
            raise _claimed_first(item)
        raise NotFound(f"transfer {transfer_id} not found")
    if _queued(item):
        return await routing.catch_up(item)
    if _overdue(item):
        item = await _apply(item, Action.expire, SYSTEM, read=True, repo=repo)
    return item


def _queued(item: TransferRecord) -> bool:
    """Routed through a queue: its queue's timers end its wait, not the accept timeout."""
    return bool(item.attributes.get("queue"))


async def _apply(
    item: TransferRecord,
    action: Action,
    actor: Actor,
    extra: dict[str, Any] | None = None,
    *,
    read: bool = False,
    recheck: bool = True,
    repo: TransferRepository | None = None,
) -> TransferRecord:
    """One conditional write (with `extra` fields set); on a lost race, decide again from
    the current item (and, with `recheck`, whether the actor may still make the move).
    `read`: the expire a read makes; losing it to another, the current item answers."""
    repo = repo or await get_transfers_repo()
    for _ in range(MAX_MOVE_ATTEMPTS):
        to_status = target(action, TransferStatus(item.status))
        moment = clock.now()
        now = clock.iso(moment)
        changes: dict[str, Any] = {"status": to_status.value, "updated_at": now, **(extra or {})}
        claim = action is Action.accept and item.to_agent is None and actor.role is Role.agent
        if claim:
            # An agent claims an unassigned transfer, under its own identity unless named.
            changes["to_agent"] = actor.sub
            changes["claimed"] = True
            changes.setdefault("to_identity", item.to_identity or actor.sub)
        ttl, removes = None, []
        if to_status in TERMINAL:
            ttl = clock.epoch_after(moment, get_settings().record_ttl_days)
            changes["outcome"] = _outcome(item, to_status).value
            withdrawn, removes = routing.leaving(item, now)
            changes |= withdrawn
        entry = {"status": to_status.value, "by": actor.sub, "at": now}
        try:
            moved = await repo.update(
                item.transfer_id,
                expected_status=item.status,
                expected_version=item.version,
                changes=changes,
                history_entry=entry,
                expires_at=ttl,
                removes=removes,
            )
            if claim:
                # The claimer reads the call as the other agents of its transfers do.
                await (await get_calls_repo()).add_agent(item.attributes["call_id"], actor.sub)
            return _record_move(moved)
        except ConditionFailed as lost:
            if lost.current is None:
                raise NotFound(f"transfer {item.transfer_id} not found") from lost
            item = lost.current
            if read and item.status != TransferStatus.initiated:
                # Another reader (or the sweeper) expired it first, or it was accepted or
                # cancelled in time: the current item is the answer, not a conflict.
                return item
            if item.history[-1] == entry:
                # Our own write: it landed, its answer was lost and the client's retry
                # then failed the condition. The move is made (once).
                return _record_move(item)
            if action is Action.accept and item.to_agent not in (None, actor.sub):
                # Two agents claimed an unassigned transfer at once and this one lost: it
                # saw the transfer, so say so (a 409) rather than pretend it is gone.
                raise _claimed_first(item) from lost
            if recheck and action is not Action.expire:
                authorise(action, actor, item.from_agent, item.to_agent)
    raise IllegalTransition(
        f"cannot {action.value} the transfer: it changed while being updated",
        action=action.value,
        current_status=item.status,
    )


def _outcome(item: TransferRecord, to: TransferStatus) -> Outcome:
    """The one outcome of a transfer ending in `to`: an expiry says whether anyone was
    offered it (a named agent always was)."""
    if to is TransferStatus.expired:
        return (
            Outcome.no_answer
            if item.to_agent or item.attributes.get("offers")
            else (Outcome.no_agent)
        )
    return Outcome(to.value)


_MOVED = {
    TransferStatus.accepted: metrics.TRANSFERS_ACCEPTED,
    TransferStatus.completed: metrics.TRANSFERS_COMPLETED,
    TransferStatus.cancelled: metrics.TRANSFERS_CANCELLED,
    TransferStatus.expired: metrics.TRANSFERS_EXPIRED,
    TransferStatus.abandoned: metrics.TRANSFERS_ABANDONED,
}


def _record_move(item: TransferRecord) -> TransferRecord:
    """The move's metrics (and, for an accept, how long the transfer waited)."""
    status = TransferStatus(item.status)
    metrics.count(_MOVED[status])
    if status is TransferStatus.accepted:
        waited = clock.parse(item.attributes["updated_at"]) - clock.parse(item.created_at)
        metrics.milliseconds(metrics.TIME_TO_ACCEPT, waited.total_seconds() * 1000)
    return item


async def get(transfer_id: str, actor: Actor) -> Transfer:
    item = await _load(transfer_id, actor)
    return Transfer(**item.attributes, **await routing.place(item))


async def move(
    transfer_id: str,
    action: Action,
    actor: Actor,
    *,
    repo: TransferRepository | None = None,
    presence: PresenceRepository | None = None,
    calls_repo: CallRepository | None = None,
) -> Transfer:
    """Make a lifecycle move. `repo`, `presence`, `calls_repo`: the stores to use (default:
    DynamoDB's), so the rules can run over in-memory ones (tests/unit/test_move_rules.py)."""
    item = await _load(transfer_id, actor, action, repo)
    queued_accept = action is Action.accept and _queued(item)
    if not queued_accept:
        authorise(action, actor, item.from_agent, item.to_agent)
    # Repeating a move whose LiveKit step failed retries only that step (transfer_media).
    first = not transfer_media.pending(item, action)
    if first:
        before = item
        if queued_accept:
            if actor.role is not Role.agent:
                raise Forbidden(f"role {actor.role} may not accept transfers")
            item = await routing.accept(item, actor)
            await (await get_calls_repo()).add_agent(item.attributes["call_id"], actor.sub)
        else:
            item = await _apply(item, action, actor, repo=repo)
            await routing.after_move(before, item, presence)
    if action in (Action.accept, Action.cancel, Action.complete):
        await calls.follow_transfer(item.attributes, calls_repo)
    return Transfer(**(await transfer_media.settle(item, action, first=first)).attributes)


async def hand_over(transfer_id: str, actor: Actor, to_identity: str) -> Transfer:
    """The older API's completion: the first side (a service, or one of the transfer's
    agents) hands the caller to the receiving identity, recording it. A service accepts an
    initiated transfer on the receiver's behalf first, since the older clients had no
    accept; an agent completes only once the receiving agent has accepted."""
    item = await _load(transfer_id, actor)
    if actor.role is Role.agent and actor.sub not in (item.from_agent, item.to_agent):
        raise NotFound(f"transfer {transfer_id} not found")  # an unassigned one, not its own
    if actor.role not in (Role.agent, Role.service):
        raise Forbidden(f"role {actor.role} may not complete transfers")
    # Completed already: a retry (its answer was lost) redoes at most the media step.
    first = item.status != TransferStatus.completed
    if item.status == TransferStatus.initiated:
        if actor.role is not Role.service:
            # An agent never accepts for another: the receiving agent accepts first.
            target(Action.complete, TransferStatus.initiated)  # the 409 that says so
        extra = {"to_identity": to_identity}
        item = await _apply(item, Action.accept, actor, extra, recheck=False)
        await calls.follow_transfer(item.attributes)
    if first:
        item = await _apply(item, Action.complete, actor, recheck=False)
        await calls.follow_transfer(item.attributes)
    settled = await transfer_media.settle(item, Action.complete, first=first)
    return Transfer(**settled.attributes)


async def expire(item: TransferRecord) -> TransferRecord:
    """Expire an overdue initiated transfer (the sweeper): the same conditional move a read
    past the deadline makes. IllegalTransition if it was moved first."""
    return await _apply(item, Action.expire, SYSTEM)
