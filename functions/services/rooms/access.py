"""Who may get a LiveKit join token for which room (POST /token, GET /get-token), and so
who may act on a room (participants, its AI agent).

A service may mint for any room and identity. An agent gets tokens only under its own
identity and only for rooms of transfers that name it:
- a consult room (`consult-<transfer_id>`): the room name finds the transfer; the agent
  must be its first or receiving agent and the transfer still open (initiated/accepted);
- a caller's room: caller rooms are named by the telephony side, so the name alone finds
  nothing; the agent passes `transfer_id`, and that transfer must record this room as
  its `caller_room`. The receiving agent may join once it has accepted (and after
  completion, to reconnect); the first agent, who already holds the caller, may rejoin
  until the transfer is completed (a cancelled or expired transfer leaves the caller
  with it). Either way only while the caller has not moved on: once a later transfer of
  the same call is completed, the caller is someone else's and this transfer admits no one.
Caller rooms are recorded on a transfer from the service side only (transfers.initiate).
An agent's token shows its id as the display name: an agent cannot pose as someone else.
"""

from __future__ import annotations

import asyncio

from functions.domain.actor import Actor
from functions.domain.errors import BadRequest, Forbidden, NotFound
from functions.domain.lifecycle import OPEN
from functions.domain.models import Role, TransferStatus
from functions.domain.models.room import JoinToken
from functions.domain.models.transfer import Transfer
from functions.livekit import rooms as media
from functions.services import transfers
from functions.store.calls import get_calls_repo
from functions.store.transfers import get_transfers_repo


async def issue(
    actor: Actor,
    room: str,
    *,
    identity: str | None = None,
    name: str | None = None,
    transfer_id: str | None = None,
) -> JoinToken:
    media.require_credentials()  # 503 before any lookup when LiveKit is not configured
    if actor.role is Role.service:
        return media.mint_token(room, identity or actor.sub, name)
    if actor.role is not Role.agent:
        raise Forbidden(f"role {actor.role} may not join LiveKit rooms")
    transfer = await admit(actor, room, transfer_id)
    # An agent joins as itself: its id, or the LiveKit identity its transfer records for it.
    own = own_identity(transfer, actor.sub)
    if identity not in (None, actor.sub, own):
        raise Forbidden("an agent joins rooms only under its own identity")
    if name not in (None, actor.sub):
        raise Forbidden("an agent's display name in a room is its id")
    return media.mint_token(room, identity or own, actor.sub)


def own_identity(transfer: Transfer, agent: str) -> str:
    """The LiveKit identity `transfer` records for `agent` (else the agent's id)."""
    if agent == transfer.from_agent and transfer.from_identity:
        return transfer.from_identity
    if agent == transfer.to_agent and transfer.to_identity:
        return transfer.to_identity
    return agent


async def admit(actor: Actor, room: str, transfer_id: str | None) -> Transfer:
    """The transfer that lets agent `actor` into `room` now; refused otherwise (see above)."""
    consult_of = media.transfer_id_of(room)
    if consult_of is not None and transfer_id not in (None, consult_of):
        raise BadRequest(f"room {room} is the consult room of transfer {consult_of}")
    if consult_of is None and transfer_id is None:
        raise Forbidden("to join a caller's room, an agent names its transfer (transfer_id)")
    transfer = await transfers.get(consult_of or transfer_id or "", actor, shown=False)
    # Agents may see unassigned transfers (to claim them); only a transfer naming the agent
    # lets it into a room.
    if actor.sub not in (transfer.from_agent, transfer.to_agent):
        raise NotFound(f"transfer {transfer.transfer_id} not found")
    _check_room(transfer, room, actor.sub, consult=consult_of is not None)
    if consult_of is None:
        await _check_caller_still_here(transfer)
    return transfer


async def _check_caller_still_here(transfer: Transfer) -> None:
    """Refuse when a later transfer of the call has completed: the caller moved on."""
    ids = await (await get_calls_repo()).transfer_ids(transfer.call_id)
    later = ids[ids.index(transfer.transfer_id) + 1 :] if transfer.transfer_id in ids else []
    repo = await get_transfers_repo()
    found = await asyncio.gather(*(repo.get(t) for t in later))
    if any(item and item.status == TransferStatus.completed.value for item in found):
        raise Forbidden("the caller has moved on: a later transfer of the call is completed")


def _check_room(transfer: Transfer, room: str, agent: str, *, consult: bool) -> None:
    if consult:
        if transfer.consult_room != room:
            raise Forbidden(f"transfer {transfer.transfer_id} has no consult room {room}")
        if transfer.status not in OPEN:
            raise Forbidden(f"the consult room of a {transfer.status.value} transfer is closed")
        return
    if transfer.caller_room != room:
        raise Forbidden(f"room {room} is not the caller's room of transfer {transfer.transfer_id}")
    if agent == transfer.to_agent:
        if transfer.status not in (TransferStatus.accepted, TransferStatus.completed):
            raise Forbidden("the receiving agent joins the caller's room after accepting")
    elif transfer.status is TransferStatus.completed:
        # Cancelled or expired, the caller stays with the first agent; completed, not.
        raise Forbidden("the first agent handed the caller over: the transfer is completed")
