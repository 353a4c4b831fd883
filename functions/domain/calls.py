"""Calls and their transcripts: open a call, append turns, read it back."""

from __future__ import annotations

import uuid

from functions.domain.errors import Conflict, NotFound
from functions.domain.lifecycle import Actor
from functions.domain.models import (
    AppendTurnsRequest,
    AppendTurnsResponse,
    Call,
    CreateCallRequest,
    Role,
)
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.calls import get_calls_repo
from functions.store.errors import ItemExists, ItemMissing


def new_id() -> str:
    return uuid.uuid4().hex


def _ttl() -> int:
    return clock.epoch_after(clock.now(), get_settings().record_ttl_days)


async def create_call(request: CreateCallRequest, actor: Actor, context: str | None = None) -> Call:
    call = Call(
        call_id=request.call_id or new_id(),
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


async def get_call(call_id: str, actor: Actor) -> Call:
    """The call and its turns. An agent sees only calls it has a transfer on."""
    found = await (await get_calls_repo()).get(call_id)
    if found is None or (actor.role is Role.agent and actor.sub not in found.agents):
        raise NotFound(f"call {call_id} not found")
    return Call(**found.attributes, turns=found.turns)


async def append_turns(
    call_id: str, request: AppendTurnsRequest, actor: Actor
) -> AppendTurnsResponse:
    at = clock.iso(clock.now())
    turns = [{"speaker": t.speaker.value, "text": t.text, "at": at} for t in request.turns]
    try:
        last = await (await get_calls_repo()).append_turns(call_id, turns, expires_at=_ttl())
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    return AppendTurnsResponse(call_id=call_id, turns_added=len(turns), last_seq=last)
