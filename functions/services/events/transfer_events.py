"""Events: one per change of a transfer (its status, or a routing step while it waits) and
per change of an agent's status, built from the table's stream.

An event exists because an item changed (the stream), never because a request said so:
there is no second write to lose. Its id (<transfer_id>:<version>, or the agent's status
and since) is the same every time the change is delivered, so consumers drop repeats.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from pydantic import BaseModel, PrivateAttr

from functions.domain.models.call import Callback
from functions.domain.models.privacy import AuditRecord, ErasedCall
from functions.domain.models.routing import Presence
from functions.domain.models.transfer import (
    AGENT_STATUS_CHANGED,
    CALL_ERASED,
    CALL_READ,
    CALLBACK_REQUESTED,
    MEDIA_STEPS,
    ROUTING_STEPS,
    Transfer,
)
from functions.messaging import sockets
from functions.services import presence, routing
from functions.services.events import batch_reads, webhooks
from functions.services.events import connections as connection_events
from functions.shared import clock
from functions.store.connections import Connection, ConnectionRepository
from functions.store.stream import Change

log = logging.getLogger("warm_transfer.events")


class Event(BaseModel):
    id: str
    type: str
    occurred_at: str
    data: Transfer | Presence | Callback | ErasedCall | AuditRecord
    # Not sent: the event goes to every socket (an unassigned transfer claimed: every agent
    # who saw it waiting learns it is taken).
    _everyone: bool = PrivateAttr(default=False)

    def body(self) -> bytes:
        return self.model_dump_json().encode()


def from_change(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[Event]:
    """The events of one stream record's images (plain values): none unless a transfer or
    an agent's status changed."""
    if not new:
        return []
    if new.get("entity") == "presence":
        return _status_changed(old, new)
    if new.get("entity") == "call":
        return _callback_requested(old, new) + _erased(old, new)
    if new.get("entity") == "audit" and old is None:
        read = AuditRecord.model_validate(new)
        event_id = f"read:{new['read_id']}"
        return [Event(id=event_id, type=CALL_READ, occurred_at=read.when, data=read)]
    if new.get("entity") != "transfer":
        return []
    if old and old.get("version") == new.get("version"):
        return []  # the LiveKit step's record (media_status): not a change of the transfer
    transfer = Transfer.model_validate(new)  # drops keys and bookkeeping; holds no tokens
    name = transfer.status.value
    moved = old is None or old.get("status") != new.get("status")
    if not moved and transfer.step in (*ROUTING_STEPS, *MEDIA_STEPS):
        name = transfer.step  # a step while the status stays: offered, connected, ...
    event = Event(
        id=f"{transfer.transfer_id}:{transfer.version}",
        type=f"transfer.{name}",
        occurred_at=transfer.updated_at,
        data=transfer,
    )
    claimed = old is not None and not old.get("to_agent") and new.get("to_agent")
    event._everyone = bool(claimed and not new.get("queue"))
    if name in ("declined", "offer_timed_out") and not transfer.offered_to:
        requeued = Event(
            id=f"{event.id}:requeued",
            type="transfer.requeued",
            occurred_at=transfer.updated_at,
            data=transfer,
        )
        return [event, requeued]
    return [event]


def _status_changed(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[Event]:
    """An agent's status changed (its choice, a transfer, a wrap-up, its sockets)."""
    after = presence.view(new, list(new.get("queues") or []))
    if old is not None:
        before = presence.view(old, list(old.get("queues") or []))
        same = (before.status, before.since, before.away_reason, before.chosen)
        if same == (after.status, after.since, after.away_reason, after.chosen):
            return []
    return [
        Event(
            id=f"agent:{after.agent}:{after.status.value}:{after.since}",
            type=AGENT_STATUS_CHANGED,
            occurred_at=after.since or clock.iso(clock.now()),
            data=after,
        )
    ]


def _callback_requested(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[Event]:
    """A call's callback request is new (not another change of a call that has one)."""
    wanted = new.get("callback")
    if not wanted or (old is not None and old.get("callback") == wanted):
        return []
    callback = Callback.model_validate(wanted)
    return [
        Event(
            id=f"call:{callback.call_id}:callback:{callback.requested_at}",
            type=CALLBACK_REQUESTED,
            occurred_at=callback.requested_at,
            data=callback,
        )
    ]


def _erased(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[Event]:
    """A call's erasure is done (its tombstone's counts written the first time)."""
    if "erased_turns" not in new or (old is not None and "erased_turns" in old):
        return []
    erased = ErasedCall(
        call_id=new["call_id"],
        erased_at=new["erased_at"],
        erased_by=new["erased_by"],
        erased_role=new["erased_role"],
        turns=int(new["erased_turns"]),
        transfers=int(new.get("erased_transfers") or 0),
    )
    return [
        Event(
            id=f"call:{erased.call_id}:erased",
            type=CALL_ERASED,
            occurred_at=erased.erased_at,
            data=erased,
        )
    ]


def _came_online(old: Mapping[str, Any] | None, event: Event) -> bool:
    """An agent's console connected: it is offered what waits now that its socket is open."""
    if event.type != AGENT_STATUS_CHANGED or not isinstance(event.data, Presence):
        return False
    was_offline = old is None or not old.get("connections")
    return was_offline and event.data.status.value == "available"


async def audience(
    data: Transfer | Presence | Callback | ErasedCall | AuditRecord,
) -> list[Connection]:
    """The sockets an event goes to: every supervisor, and the agents it concerns (none for
    a callback request): an
    agent's own status; the agents a transfer names, or was offered to; every agent while
    an unrouted transfer is unassigned (any agent may claim it)."""
    if isinstance(data, AuditRecord):
        return []  # reads go to the webhooks that ask for them, no console
    if isinstance(data, Callback | ErasedCall):
        return await _sockets_of([])  # supervisors follow up callbacks
    if isinstance(data, Presence):
        return await _sockets_of([data.agent])
    if data.to_agent is None and data.queue is None:
        return await _everyone()
    named = [a for a in (data.from_agent, data.to_agent) if a]
    named += data.offered_to + [o.agent for o in data.offers]
    return await _sockets_of(named)


async def _sockets_of(agents: list[str]) -> list[Connection]:
    """Open sockets of these agents and of every supervisor (each read once a batch)."""
    repo = await ConnectionRepository.over_shared_client()
    reads = [batch_reads.once(("agent", a), partial(repo.of_agent, a)) for a in sorted(set(agents))]
    pages = await asyncio.gather(*reads, batch_reads.once(("supervisors",), repo.supervisors))
    return [c for page in pages for c in page]


async def _everyone() -> list[Connection]:
    repo = await ConnectionRepository.over_shared_client()
    return await batch_reads.once(("everyone",), repo.everyone)


async def push(event: Event) -> int:
    """Send the event to its audience's sockets; forget sockets that are gone (not those
    still in their $connect: connections.still_connecting).

    Any other failure raises (sockets.SocketFailed): the stream record is retried, and
    the sockets that did get it get it again, with the same id."""
    body = event.body()
    if event._everyone:
        targets = await _everyone()
    else:
        targets = await audience(event.data)
    results = await asyncio.gather(
        *(sockets.post(c.endpoint, c.connection_id, body) for c in targets),
        return_exceptions=True,
    )
    gone = [c for c, r in zip(targets, results, strict=True) if isinstance(r, sockets.SocketGone)]
    closed = [c for c in gone if not connection_events.still_connecting(c)]
    if closed:
        batch_reads.forget()
        await asyncio.gather(*(connection_events.disconnect(c.connection_id) for c in closed))
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, sockets.SocketGone):
            raise result
    return len(targets) - len(gone)


async def publish(event: Event) -> None:
    """Push to sockets and queue the webhook deliveries (each may be repeated)."""
    # Independent: the sockets need not wait for the queue (a retry repeats both).
    sent, queued = await asyncio.gather(
        push(event), webhooks.enqueue(event.id, event.type, json.loads(event.body()))
    )
    log.info("event published", extra={"count": sent + queued})


async def publish_changes(changes: list[Change]) -> str | None:
    """Publish the events of a batch of stream changes, in order. On the first failure,
    stop and return that change's sequence number: the event source mapping retries the
    batch from it (earlier changes are done; later ones must not overtake it)."""
    with batch_reads.shared():
        return await _publish_in_order(changes)


async def _publish_in_order(changes: list[Change]) -> str | None:
    for change in changes:
        try:
            for event in from_change(change.old, change.new):
                await publish(event)
                if _came_online(change.old, event):
                    await routing.dispatch_for(event.data.agent)  # type: ignore[union-attr]
        except Exception:
            log.exception("event not published")
            return change.sequence
    return None
