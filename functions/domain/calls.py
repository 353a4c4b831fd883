"""Calls and their transcripts: open a call, append turns, read it back."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from functions.domain.errors import Conflict, NotFound
from functions.domain.lifecycle import Actor
from functions.domain.models import (
    AppendTurnsRequest,
    AppendTurnsResponse,
    AssignCallRequest,
    Call,
    CallAssignment,
    CreateCallRequest,
    Role,
    TransferStatus,
)
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.calls import CallRecord, get_calls_repo
from functions.store.errors import ItemExists, ItemMissing


def new_id() -> str:
    return uuid.uuid4().hex


def _ttl() -> int:
    return clock.epoch_after(clock.now(), get_settings().record_ttl_days)


async def create_call(request: CreateCallRequest, actor: Actor, context: str | None = None) -> Call:
    # An agent opening a call (older clients' initiate with call_context) is on it.
    agent = request.agent or (actor.sub if actor.role is Role.agent else None)
    call = Call(
        call_id=request.call_id or new_id(),
        agent=agent,
        caller=request.caller,
        metadata=request.metadata,
        context=context,
        created_at=clock.iso(clock.now()),
    )
    repo = await get_calls_repo()
    try:
        await repo.create(
            {**call.model_dump(exclude={"turns"}, exclude_none=True), "created_by": actor.sub},
            expires_at=_ttl(),
        )
    except ItemExists as exc:
        raise Conflict(f"call {call.call_id} already exists") from exc
    return call


def on_call(actor: Actor, call: CallRecord) -> bool:
    """Agents act on calls they are on: assigned to them, or taken through an accepted
    transfer. Services and supervisors, on every call."""
    if actor.role is not Role.agent:
        return True
    return actor.sub == call.agent or actor.sub in call.holders


async def get_call(call_id: str, actor: Actor) -> Call:
    """The call and its turns. Another agent's call is not found (ids leak nothing)."""
    found = await (await get_calls_repo()).get(call_id)
    if found is None or not on_call(actor, found):
        raise NotFound(f"call {call_id} not found")
    return Call(**found.attributes, turns=found.turns)


async def assign(call_id: str, request: AssignCallRequest, actor: Actor) -> CallAssignment:
    at = clock.iso(clock.now())
    repo = await get_calls_repo()
    try:
        call = await repo.assign(call_id, request.agent, by=actor.sub, at=at)
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    return CallAssignment(**{k: call[k] for k in CallAssignment.model_fields})


async def follow_transfer(transfer: Mapping[str, Any]) -> None:
    """An accepted transfer puts its receiving agent on the call; cancelling it after
    acceptance takes the agent off again. Repeating either changes nothing."""
    agent, status = transfer.get("to_agent"), transfer["status"]
    if agent is None:
        return
    if status in (TransferStatus.accepted, TransferStatus.completed):
        holds = True
    elif status == TransferStatus.cancelled and any(
        h["status"] == TransferStatus.accepted for h in transfer.get("history", [])
    ):
        holds = False
    else:
        return
    # A call that aged out (TTL) has nobody to note.
    with suppress(ItemMissing):
        await (await get_calls_repo()).set_holder(transfer["call_id"], agent, holds=holds)


async def append_turns(
    call_id: str, request: AppendTurnsRequest, actor: Actor
) -> AppendTurnsResponse:
    at = clock.iso(clock.now())
    turns = [
        {"speaker": t.speaker.value, "text": t.text, "at": at, "turn_id": t.turn_id}
        for t in request.turns
    ]
    try:
        added, last = await (await get_calls_repo()).append_turns(call_id, turns, expires_at=_ttl())
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    return AppendTurnsResponse(call_id=call_id, turns_added=added, last_seq=last)
