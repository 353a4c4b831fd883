"""One AI voice turn: hear the caller (text, or audio through Groq Whisper), reply (Groq
chat with the `request_human_transfer` tool), optionally speak the reply (Groq speech),
and store both turns on the call. The Groq steps are in llm/voice.py; this is the order.

Without Groq, or when a Groq step fails, the turn still completes: an offline reply is
given, a request for a person is recognised from the caller's words, and the response
says why (`fallback_reason`, `audio_unavailable_reason`). Once one Groq step of a turn
has failed, the later steps go offline at once, so a turn never waits on Groq twice.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
from typing import Any

from functions.domain.actor import Actor
from functions.domain.errors import AudioTooLarge, Conflict, InvalidAudio, NotFound
from functions.domain.models import Role, Speaker
from functions.domain.models.call import AppendTurnsRequest, CreateCallRequest, TurnIn
from functions.domain.models.voice import AiVoiceRequest, AiVoiceResponse, Reply
from functions.llm import voice as llm_voice
from functions.llm.client import (
    PROVIDER_OFFLINE,
    GroqUnavailable,
    Outcome,
    groq_configured,
    groq_or_offline,
    not_configured,
)
from functions.services import calls
from functions.services.privacy import redaction as redacting
from functions.shared.settings import get_settings
from functions.text.voice_replies import NOTHING_HEARD, offline_reply


def decode_audio(audio_base64: str, fmt: str) -> bytes:
    """The caller's audio, checked before any work is done: base64, size, format."""
    limit = get_settings().ai_voice_max_audio_bytes
    # Refuse by length before decoding, so an oversized body costs nothing.
    if len(audio_base64) > (limit + 2) // 3 * 4 + 4:
        raise AudioTooLarge(f"audio is larger than {limit} bytes", max_bytes=limit)
    try:
        data = base64.b64decode(audio_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidAudio("audio_base64 is not valid base64") from exc
    if len(data) > limit:
        raise AudioTooLarge(f"audio is larger than {limit} bytes", max_bytes=limit)
    if not data:
        raise InvalidAudio("audio_base64 is empty")
    if not llm_voice.sniff(data, fmt):
        raise InvalidAudio(f"audio is not a {fmt} file", audio_format=fmt)
    return data


async def _open_call(call_id: str, actor: Actor) -> tuple[list[Any], Any]:
    """The call's recent turns and caller details, creating the call when it is new."""
    service = Actor(actor.sub, Role.service)
    try:
        call = await calls.get_call(call_id, service)
    except NotFound:
        # Conflict: a concurrent turn created it first; use that one.
        with contextlib.suppress(Conflict):
            await calls.create_call(CreateCallRequest(call_id=call_id), service)
        return [], None
    return call.turns[-get_settings().ai_voice_history_turns :], call.caller


async def _hear(
    request: AiVoiceRequest, actor: Actor, failure: GroqUnavailable | None
) -> tuple[list[Any], Any, Outcome[str | None]]:
    """The call so far and what the caller said; audio is transcribed meanwhile."""
    if request.audio_base64 is None:
        history, caller = await _open_call(request.call_id, actor)
        return history, caller, Outcome(request.text, PROVIDER_OFFLINE, failure)
    assert request.audio_format is not None  # the model requires it with audio
    audio, fmt = decode_audio(request.audio_base64, request.audio_format), request.audio_format
    (history, caller), heard = await asyncio.gather(
        _open_call(request.call_id, actor),
        groq_or_offline(lambda: llm_voice.transcribe(audio, fmt), lambda: None, failure),
    )
    return history, caller, heard


async def _speak(
    text: str, failure: GroqUnavailable | None
) -> tuple[tuple[str, str] | None, str | None]:
    """The reply as audio, or why there is none."""
    if failure is not None:
        return None, f"speech skipped: {failure.summary}"
    spoken = await groq_or_offline(lambda: llm_voice.speak(text), lambda: None)
    return spoken.value, spoken.fallback_reason


async def voice_turn(request: AiVoiceRequest, actor: Actor) -> AiVoiceResponse:
    failure = None if groq_configured() else not_configured()
    history, caller, hearing = await _hear(request, actor, failure)
    heard, failure = hearing.value, hearing.failure
    # What the caller said is redacted before Groq hears it, stored or answered back.
    heard = redacting.plain(heard) if heard else heard

    if heard:
        replied = await groq_or_offline(
            lambda: llm_voice.reply(history, caller, heard), lambda: offline_reply(heard), failure
        )
    else:
        replied = Outcome(offline_reply(heard), PROVIDER_OFFLINE, failure)
    reply: Reply = replied.value
    failure = replied.failure

    audio_out, audio_reason = (None, None)
    if request.speak:
        audio_out, audio_reason = await _speak(reply.text, failure)

    turns = [TurnIn(speaker=Speaker.caller, text=heard)] if heard else []
    turns.append(TurnIn(speaker=Speaker.ai, text=reply.text))
    await calls.append_turns(request.call_id, AppendTurnsRequest(turns=turns), actor)

    fallback = None
    if replied.provider == PROVIDER_OFFLINE:
        fallback = replied.fallback_reason or (NOTHING_HEARD if not heard else None)
    return AiVoiceResponse(
        call_id=request.call_id,
        heard=heard or None,
        reply=reply.text,
        transfer_requested=reply.transfer_requested,
        transfer_reason=reply.transfer_reason,
        provider=replied.provider,  # type: ignore[arg-type]
        fallback_reason=fallback,
        audio_base64=audio_out[0] if audio_out else None,
        audio_format=audio_out[1] if audio_out else None,
        audio_unavailable_reason=audio_reason,
    )
