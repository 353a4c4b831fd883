"""Transfer events: one per change of a transfer, built from the table's stream.

An event exists because the transfer's item changed (the stream), never because a request
said so: there is no second write to lose. Its id, <transfer_id>:<version>, is the same
every time the change is delivered, so consumers drop repeats.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from functions.domain.transfer_models import Transfer
from functions.messaging import sockets
from functions.services.events import webhooks
from functions.store.connections import Connection, ConnectionRepository
from functions.store.stream import Change

log = logging.getLogger("warm_transfer.events")


class Event(BaseModel):
    id: str
    type: str
    occurred_at: str
    data: Transfer

    def body(self) -> bytes:
        return self.model_dump_json().encode()


def from_change(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> Event | None:
    """The event of one stream record's images (plain values), or None if it is not a
    transfer's change. A write that leaves the version as it was (the LiveKit step's
    record, media_status) is no change of the transfer: its id would repeat another's."""
    if not new or new.get("entity") != "transfer":
        return None
    if old and old.get("version") == new.get("version"):
        return None
    transfer = Transfer.model_validate(new)  # drops keys and bookkeeping; holds no tokens
    return Event(
        id=f"{transfer.transfer_id}:{transfer.version}",
        type=f"transfer.{transfer.status.value}",
        occurred_at=transfer.updated_at,
        data=transfer,
    )


async def audience(transfer: Transfer) -> list[Connection]:
    """The sockets an event of `transfer` goes to: the agents it names and every
    supervisor; every socket while nobody is assigned (any agent may claim it)."""
    connections = await ConnectionRepository.over_shared_client()
    if transfer.to_agent is None:
        return await connections.everyone()
    named = [a for a in (transfer.from_agent, transfer.to_agent) if a]
    return await connections.of_agents(named)


async def push(event: Event) -> int:
    """Send the event to its audience's sockets; forget sockets that are gone.

    Any other failure raises (sockets.SocketFailed): the stream record is retried, and
    the sockets that did get it get it again, with the same id."""
    body = event.body()
    targets = await audience(event.data)
    results = await asyncio.gather(
        *(sockets.post(c.endpoint, c.connection_id, body) for c in targets),
        return_exceptions=True,
    )
    gone = [c for c, r in zip(targets, results, strict=True) if isinstance(r, sockets.SocketGone)]
    if gone:
        connections = await ConnectionRepository.over_shared_client()
        await asyncio.gather(*(connections.remove(c.connection_id) for c in gone))
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
    for change in changes:
        try:
            event = from_change(change.old, change.new)
            if event is not None:
                await publish(event)
        except Exception:
            log.exception("event not published")
            return change.sequence
    return None
