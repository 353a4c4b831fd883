"""Warm transfers: read them and move them along their lifecycle (starting one:
transfers/initiate.py, `initiate` here too)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from functions.domain.actor import SYSTEM, Actor
from functions.domain.errors import Forbidden, IllegalTransition, NotFound
from functions.domain.lifecycle import TERMINAL, Action, authorise, can_see, target
from functions.domain.models import Role, TransferStatus
from functions.domain.models.transfer import Outcome, Transfer
from functions.services import calls, routing
from functions.services.privacy import audit
from functions.services.rooms import media_steps as transfer_media
from functions.services.transfers.initiate import initiate
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.calls import CallRepository, get_calls_repo
from functions.store.errors import ConditionFailed
from functions.store.routing.presence import PresenceRepository
from functions.store.transfers import TransferRecord, TransferRepository, get_transfers_repo

MAX_MOVE_ATTEMPTS = 3

__all__ = ["expire", "get", "hand_over", "initiate", "move"]


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
    if not can_see(actor, item.from_agent, item.to_agent, offered if _offered(item) else None):
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


def _offered(item: TransferRecord) -> bool:
    """Offered rather than addressed: through a queue, or to a phone (`to_phone`, which no
    agent may claim); accepted by whoever holds the offer."""
    return _queued(item) or bool(item.attributes.get("to_phone"))


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
            ttl = clock.epoch_after(moment, get_settings().transfer_retention_days)
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
                authorise(
                    action, actor, item.from_agent, item.to_agent, to_identity=item.to_identity
                )
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


async def get(transfer_id: str, actor: Actor, *, shown: bool = True) -> Transfer:
    """The transfer as `actor` may see it. `shown`: its briefing goes to the reader (an
    audited read); False for the use cases that only check it (room access, a hand-off)."""
    item = await _load(transfer_id, actor)
    if shown:
        await audit.read(actor, item.attributes["call_id"], "briefing", transfer_id)
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
    queued_accept = action is Action.accept and _offered(item)
    if not queued_accept:
        authorise(action, actor, item.from_agent, item.to_agent, to_identity=item.to_identity)
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
