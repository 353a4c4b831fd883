"""The older system's API (/v0) on this system's rules: every call is a use case of the new
domain (transfers, room access, room agents, voice) shaped the older way.

A service token may do all the older API did. An agent only what it may do in the new
API: rooms of transfers that name it, transfers it is an agent of, its own identity.
"""

from __future__ import annotations

from functions.domain.actor import Actor
from functions.domain.errors import (
    Conflict,
    Forbidden,
    LiveKitFailed,
    NotFound,
    SpeechUnavailable,
)
from functions.domain.models import Role
from functions.domain.models.briefing import Briefing
from functions.domain.models.transfer import InitiateTransferRequest, Transfer
from functions.domain.models.v0 import (
    DEFAULT_AGENT_IDENTITY,
    CompleteRequest,
    Initiated,
    InitiateRequest,
    RoomInfo,
    Success,
    TransferRecord,
    VoiceRequest,
)
from functions.livekit import rooms as media
from functions.llm import voice as llm_voice
from functions.llm.client import GroqUnavailable, groq_configured
from functions.services import transfer_lists, transfers
from functions.services.rooms import access as room_access
from functions.services.rooms import agents as room_agents
from functions.shared import clock
from functions.store.calls import get_calls_repo

UNKNOWN = "unknown"  # the older records' room and agent when none was given


def briefing_text(briefing: Briefing) -> str:
    """The structured briefing as the plain-text summary the older clients show."""
    lines = [briefing.headline, briefing.reason]
    who = [v for v in (briefing.customer.name, briefing.customer.phone) if v]
    if briefing.customer.account:
        who.append(f"account {briefing.customer.account}")
    if who:
        lines.append("Customer: " + ", ".join(who))
    lines.append(f"Sentiment: {briefing.sentiment}")
    lines += [f"- {fact}" for fact in briefing.key_facts]
    if briefing.next_steps:
        lines.append("Next steps: " + "; ".join(briefing.next_steps))
    return "\n".join(line for line in lines if line)


# ---- rooms and tokens ---------------------------------------------------------------------


async def access_token(actor: Actor, room: str, identity: str, transfer_id: str | None) -> str:
    """A join token for `identity` in `room`, creating the room when it does not exist."""
    # Checked (and minted, locally) before anything is created.
    # An agent's display name is its id (room_access); others show the identity.
    name = None if actor.role is Role.agent else identity
    issued = await room_access.issue(
        actor, room, identity=identity, name=name, transfer_id=transfer_id
    )
    await media.create_room(room)  # CreateRoom answers an existing room unchanged
    return issued.token


async def rooms() -> list[RoomInfo]:
    return [
        RoomInfo(
            name=r.name,
            sid=r.sid,
            num_participants=r.num_participants,
            creation_time=int(clock.parse(r.created_at).timestamp()) if r.created_at else 0,
        )
        for r in await media.list_rooms()
    ]


# ---- transfers ----------------------------------------------------------------------------


async def initiate(request: InitiateRequest, actor: Actor) -> Initiated:
    """A real transfer of the free-text context; with a room, its consult room is the
    briefing room the older page shows."""
    if actor.role is Role.agent and request.room_name is not None:
        # Caller rooms come from the service side: an agent never picks the room it is let into.
        raise Forbidden("an agent cannot name the caller's room (room_name): use a service token")
    made = await transfers.initiate(
        InitiateTransferRequest(
            call_context=request.call_context,
            caller_room=request.room_name,
            from_identity=request.agent_a_identity,
        ),
        actor,
    )
    return Initiated(
        summary=briefing_text(made.briefing),
        id=made.transfer_id,
        room_name=request.room_name,
        agent_a_identity=request.agent_a_identity,
        briefing_room_name=made.consult_room if request.room_name else None,
    )


def _done(request: CompleteRequest, removed: bool, transfer_id: str | None) -> Success:
    a, room = request.agent_a_identity, request.original_room_name
    then = f" Transfer {transfer_id} completed." if transfer_id else ""
    if removed:
        return Success(success=True, message=f"Transfer completed. {a} removed from {room}.{then}")
    return Success(
        success=False,
        message=f"{a} was not in {room}: nobody was removed; disconnect them by hand if needed."
        + then,
    )


async def complete(request: CompleteRequest, actor: Actor) -> Success:
    """Take agent A out of the caller's room; with a transfer, through its hand-off (which
    records agent B and completes it)."""
    media.require_credentials()
    room, a = request.original_room_name, request.agent_a_identity
    if request.transfer_id is None:
        if actor.role is not Role.service:
            raise Forbidden("an agent names the transfer it completes (transfer_id)")
        return _done(request, await media.remove_participant(room, a), None)
    found = await transfers.get(request.transfer_id, actor, shown=False)
    first = found.from_identity or found.from_agent
    if found.caller_room not in (None, room) or first != a:
        raise Conflict(
            f"transfer {found.transfer_id} hands over {first} in {found.caller_room}, "
            f"not {a} in {room}"
        )
    if found.caller_room is None and actor.role is not Role.service:
        raise Forbidden(f"room {room} is not the caller's room of transfer {found.transfer_id}")
    done = await transfers.hand_over(found.transfer_id, actor, request.agent_b_identity)
    if found.caller_room is None or done.media_status is None:
        # No room recorded with the transfer (or no LiveKit then): remove A directly.
        return _done(request, await media.remove_participant(room, a), done.transfer_id)
    if done.media_status.state == "failed":
        raise LiveKitFailed(f"the hand-off failed: {done.media_status.error}")
    return _done(request, done.media_status.state == "ok", done.transfer_id)


def _record(transfer: Transfer, context: str | None) -> TransferRecord:
    return TransferRecord(
        id=transfer.transfer_id,
        room_name=transfer.caller_room or UNKNOWN,
        agent_a=transfer.from_identity or transfer.from_agent or UNKNOWN,
        agent_b=transfer.to_identity or transfer.to_agent,
        summary=briefing_text(transfer.briefing),
        call_context=context,
        created_at=clock.parse(transfer.created_at).timestamp(),
    )


async def _records(found: list[Transfer]) -> list[TransferRecord]:
    contexts = await (await get_calls_repo()).contexts([t.call_id for t in found])
    return [_record(t, contexts.get(t.call_id)) for t in found]


async def list_records(actor: Actor, room: str | None, limit: int) -> list[TransferRecord]:
    """Newest first, of one caller's room when given (an agent: its own inbox)."""
    return await _records(await transfer_lists.newest(actor, caller_room=room, limit=limit))


async def get_record(transfer_id: str, actor: Actor) -> TransferRecord:
    try:
        found = await transfers.get(transfer_id, actor)
    except NotFound as exc:
        raise NotFound("Transfer not found") from exc
    return (await _records([found]))[0]


# ---- the AI agent and voice ---------------------------------------------------------------


async def start_agent(actor: Actor, room: str, identity: str | None) -> Success:
    await room_agents.start(actor, room, identity or DEFAULT_AGENT_IDENTITY)
    return Success(success=True, message=f"Agent started for room {room}")


async def say(actor: Actor, room: str, text: str) -> Success:
    await room_agents.say(actor, room, text)
    return Success(success=True, message="Agent spoke")


async def stop_agent(actor: Actor, room: str) -> Success:
    await room_agents.stop(actor, room)
    return Success(success=True, message=f"Agent stopped for room {room}")


async def ai_voice(request: VoiceRequest) -> bytes:
    """The AI's spoken reply to `prompt`, as a WAV file (Groq chat, then Groq speech);
    SpeechUnavailable when Groq cannot give both."""
    if not groq_configured():
        raise SpeechUnavailable("speech is not available: GROQ_API_KEY is not set", retry_after=60)
    try:
        reply = await llm_voice.reply([], None, request.prompt)
        return await llm_voice.synthesize(reply.text, "wav", request.voice)
    except GroqUnavailable as exc:
        raise SpeechUnavailable(f"speech is not available: {exc.summary}") from exc
