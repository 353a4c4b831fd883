"""Calls and their transcripts: open a call, append turns, read it back."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from functions.domain.actor import Actor
from functions.domain.errors import (
    CallErased,
    Conflict,
    InvalidCursor,
    NotFound,
    TranscriptFull,
)
from functions.domain.models import Role, TransferStatus
from functions.domain.models.call import (
    AppendTurnsRequest,
    AppendTurnsResponse,
    AssignCallRequest,
    Call,
    CallAssignment,
    Callback,
    CallbackRequest,
    CallPage,
    CreateCallRequest,
)
from functions.services import cursors
from functions.services.privacy import audit
from functions.services.privacy import redaction as redacting
from functions.shared import clock, cursor
from functions.shared.settings import get_settings
from functions.store.calls import CallRecord, CallRepository, get_calls_repo
from functions.store.errors import Erased, ItemExists, ItemMissing, TurnLimitReached


def new_id() -> str:
    return uuid.uuid4().hex


def _ttl() -> int:
    return clock.epoch_after(clock.now(), get_settings().call_retention_days)


async def create_call(request: CreateCallRequest, actor: Actor, context: str | None = None) -> Call:
    # An agent opening a call (older clients' initiate with call_context) is on it.
    agent = request.agent or (actor.sub if actor.role is Role.agent else None)
    caller = request.caller
    if caller is not None and caller.name is not None:
        caller = caller.model_copy(update={"name": redacting.plain(caller.name)})
    call = Call(
        call_id=request.call_id or new_id(),
        agent=agent,
        caller=caller,
        caller_identity=request.caller_identity,
        metadata=redacting.values(request.metadata),
        context=redacting.plain(context),
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


def _visible(call_id: str, found: CallRecord | None, actor: Actor) -> CallRecord:
    """Another agent's call is not found (ids leak nothing); an erased one is gone."""
    if found is None or not on_call(actor, found):
        raise NotFound(f"call {call_id} not found")
    if found.attributes.get("erased_at"):
        raise CallErased(f"call {call_id} was erased at {found.attributes['erased_at']}")
    return found


async def get_call(call_id: str, actor: Actor) -> Call:
    """The call and all its turns (at most CALL_MAX_TURNS), for the domain's own use."""
    found = _visible(call_id, await (await get_calls_repo()).get(call_id), actor)
    return Call(**found.attributes, turns=found.turns)


async def assign(call_id: str, request: AssignCallRequest, actor: Actor) -> CallAssignment:
    at = clock.iso(clock.now())
    repo = await get_calls_repo()
    try:
        call = await repo.assign(call_id, request.agent, by=actor.sub, at=at)
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    return CallAssignment(**{k: call[k] for k in CallAssignment.model_fields})


async def request_callback(call_id: str, request: CallbackRequest, actor: Actor) -> Callback:
    """Record that the caller wants a call back; the stream raises call.callback_requested."""
    callback = Callback(
        call_id=call_id,
        phone=request.phone,
        preferred_time=request.preferred_time,
        requested_at=clock.iso(clock.now()),
        requested_by=actor.sub,
    )
    try:
        await (await get_calls_repo()).set_callback(call_id, callback.model_dump(exclude_none=True))
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    return callback


async def follow_transfer(transfer: Mapping[str, Any], repo: CallRepository | None = None) -> None:
    """An accepted transfer puts its receiving agent on the call; cancelling it after
    acceptance takes the agent off again; completing it hands the caller over, so the
    receiving agent is who is on the call (`agent`). Repeating any changes nothing."""
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
    calls = repo or await get_calls_repo()
    # A call that aged out (TTL) has nobody to note.
    with suppress(ItemMissing):
        if status == TransferStatus.completed:  # holder and assignee in one update
            at = transfer.get("updated_at") or clock.iso(clock.now())
            by = transfer["transfer_id"]
            await calls.assign(transfer["call_id"], agent, by=by, at=at, holder=True)
        else:
            await calls.set_holder(transfer["call_id"], agent, holds=holds)


async def read_call(
    call_id: str, actor: Actor, *, limit: int | None, cursor_token: str | None
) -> CallPage:
    """The call and a page of its turns (GET /calls/{call_id}): a whole transcript can
    outgrow a Lambda response (6 MB)."""
    settings = get_settings()
    scope = f"call={call_id}"
    after = (cursors.read(cursor_token, scope, cursors.secret()) or {"after": 0}).get("after")
    if not isinstance(after, int) or after < 0:
        raise InvalidCursor("cursor is malformed")
    page_size = min(limit or settings.call_turns_page_size, settings.call_turns_page_size)
    repo = await get_calls_repo()
    found, more = await repo.page(call_id, after_seq=after, limit=page_size)
    call = _visible(call_id, found, actor)
    await audit.read(actor, call_id, "transcript")
    last = call.turns[-1]["seq"] if more else None
    resume = cursor.encode({"after": last}, scope, cursors.secret()) if more else None
    return CallPage(**call.attributes, turns=call.turns, next_turns_cursor=resume)


async def append_turns(
    call_id: str, request: AppendTurnsRequest, actor: Actor
) -> AppendTurnsResponse:
    at = clock.iso(clock.now())
    turns = []
    for t in request.turns:
        # Redacted before it is stored: the raw text is kept nowhere, not even briefly.
        said = redacting.text(t.text)
        turn = {"speaker": t.speaker.value, "text": said.text, "at": at, "turn_id": t.turn_id}
        turns.append(turn | ({"redactions": list(said.kinds)} if said.kinds else {}))
    cap = get_settings().call_max_turns
    try:
        added, last = await (await get_calls_repo()).append_turns(
            call_id, turns, expires_at=_ttl(), max_turns=cap
        )
    except ItemMissing as exc:
        raise NotFound(f"call {call_id} not found") from exc
    except Erased as exc:
        raise CallErased(f"call {call_id} was erased: nothing more is added to it") from exc
    except TurnLimitReached as exc:
        raise TranscriptFull(
            f"call {call_id} has {exc.turns} of at most {cap} turns: {len(turns)} more do not fit;"
            " open a new call to go on",
            max_turns=cap,
            turn_count=exc.turns,
        ) from exc
    return AppendTurnsResponse(call_id=call_id, turns_added=added, last_seq=last)
