"""One AI voice turn: hear the caller (text, or audio through Groq Whisper), reply (Groq
chat with the `request_human_transfer` tool), optionally speak the reply (Groq speech),
and store both turns on the call.

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
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from functions.domain import calls
from functions.domain.errors import AudioTooLarge, Conflict, InvalidAudio, NotFound
from functions.domain.lifecycle import Actor
from functions.domain.models import (
    AiVoiceRequest,
    AiVoiceResponse,
    AppendTurnsRequest,
    CreateCallRequest,
    Role,
    Speaker,
    TurnIn,
)
from functions.llm.client import GroqUnavailable, call_groq, groq_configured
from functions.llm.prompts import REQUEST_HUMAN_TRANSFER_TOOL, VOICE_SYSTEM
from functions.shared.settings import get_settings

if TYPE_CHECKING:
    from groq import AsyncGroq

TURN_MAX_CHARS = 4000  # models.TurnText

REPLY_HANDOFF = (
    "Of course. I'm connecting you to a member of our team now; please stay on the line."
)
REPLY_OFFLINE = (
    "Thank you, I've noted that. I'm an automated assistant and can't sort this out myself "
    "right now; say 'agent' at any time and I'll connect you to a person."
)
REPLY_NOT_HEARD = "Sorry, I couldn't make that out. Could you say it again?"
OFFLINE_TRANSFER_REASON = "The caller asked to speak to a person."

_MIME = {
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "webm": "audio/webm",
    "flac": "audio/flac",
    "m4a": "audio/mp4",
}

# A caller asking for a person, in the words callers use. Deliberately narrow: "the
# person at the store" or "my travel agent" are not requests.
_PERSON = re.compile(
    r"""
    \b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a|an|the|your|some)?\s*
        (?:real\s+|live\s+|actual\s+|human\s+)?
        (?:person|human|agent|representative|rep|operator|someone|somebody|manager|supervisor)\b
    | \b(?:want|need|get\s+me|give\s+me|put\s+me\s+through\s+to)\s+(?:a|an|to\s+a)?\s*
        (?:real\s+|live\s+|actual\s+)?(?:person|human|representative|operator|agent)\b
    | \b(?:transfer|connect)\s+me\b
    | \b(?:human|person|agent|representative|operator)\s*,?\s*(?:please|now)\b
    | ^\W*(?:agent|representative|operator|human)\W*$
    """,
    re.IGNORECASE | re.VERBOSE,
)


def asks_for_person(text: str) -> bool:
    return bool(_PERSON.search(text))


# ---- audio input ----------------------------------------------------------------------------


def _sniff(data: bytes, fmt: str) -> bool:
    """Whether the bytes start like a file of `fmt` (Whisper would reject anything else)."""
    if fmt == "wav":
        return data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    if fmt == "mp3":
        return data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    if fmt == "ogg":
        return data[:4] == b"OggS"
    if fmt == "flac":
        return data[:4] == b"fLaC"
    if fmt == "webm":
        return data[:4] == b"\x1a\x45\xdf\xa3"
    if fmt == "m4a":
        return data[4:8] == b"ftyp"
    return False


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
    if not _sniff(data, fmt):
        raise InvalidAudio(f"audio is not a {fmt} file", audio_format=fmt)
    return data


# ---- Groq steps -----------------------------------------------------------------------------


async def transcribe(audio: bytes, fmt: str) -> str:
    settings = get_settings()
    result = await call_groq(
        lambda groq: groq.audio.transcriptions.create(
            model=settings.groq_whisper_model,
            file=(f"audio.{fmt}", audio, _MIME[fmt]),
            response_format="json",
            temperature=0.0,
        ),
        settings.groq_voice_budget_seconds,
    )
    return " ".join(str(result.text or "").split())[:TURN_MAX_CHARS]


@dataclass(frozen=True)
class Reply:
    text: str
    transfer_requested: bool
    transfer_reason: str | None


def _chat_messages(history: list[Any], caller: Any, heard: str) -> list[dict[str, str]]:
    system = VOICE_SYSTEM
    known = {}
    if caller is not None:
        known = {k: v for k, v in (("name", caller.name), ("phone", caller.phone)) if v}
    if known:
        system += "\nCaller details on file: " + json.dumps(known)
    messages = [{"role": "system", "content": system}]
    for turn in history:
        role = "user" if turn.speaker == Speaker.caller else "assistant"
        messages.append({"role": role, "content": turn.text})
    messages.append({"role": "user", "content": heard})
    return messages


async def llm_reply(history: list[Any], caller: Any, heard: str) -> Reply:
    settings = get_settings()
    completion = await call_groq(
        lambda groq: groq.chat.completions.create(
            model=settings.groq_voice_model,
            messages=_chat_messages(history, caller, heard),  # type: ignore[arg-type]
            tools=[REQUEST_HUMAN_TRANSFER_TOOL],  # type: ignore[list-item]
            tool_choice="auto",
            temperature=settings.groq_temperature,
            max_tokens=settings.groq_voice_max_tokens,
        ),
        settings.groq_voice_budget_seconds,
    )
    if not completion.choices:
        raise GroqUnavailable("invalid_response", "no choices")
    message = completion.choices[0].message
    text = " ".join((message.content or "").split())[:TURN_MAX_CHARS]
    for call in message.tool_calls or []:
        if call.function.name != REQUEST_HUMAN_TRANSFER_TOOL["function"]["name"]:
            continue
        try:
            args = json.loads(call.function.arguments or "{}")
        except json.JSONDecodeError:
            args = {}  # the intent is clear even when the arguments are not
        reason = args.get("reason") if isinstance(args, dict) else None
        reason = str(reason).strip()[:1000] if reason else "The caller needs a person."
        return Reply(text or REPLY_HANDOFF, True, reason)
    if not text:
        raise GroqUnavailable("invalid_output", "empty reply")
    return Reply(text, False, None)


async def speak(text: str) -> tuple[str, str]:
    """The reply as audio: (base64, format)."""
    fmt = get_settings().groq_tts_format
    data = await synthesize(text, fmt)
    return base64.b64encode(data).decode("ascii"), fmt


async def synthesize(text: str, fmt: str, voice: str | None = None) -> bytes:
    """`text` spoken by Groq as a `fmt` file (in `voice`, else the configured one)."""
    settings = get_settings()

    async def fetch(groq: AsyncGroq) -> bytes:
        response = await groq.audio.speech.create(
            model=settings.groq_tts_model,
            voice=voice or settings.groq_tts_voice,
            input=text,
            response_format=fmt,  # type: ignore[arg-type]
        )
        return await response.read()

    data = await call_groq(fetch, settings.groq_voice_budget_seconds)
    if not data:
        raise GroqUnavailable("invalid_response", "empty audio")
    if fmt in _MIME and not _sniff(data, fmt):
        raise GroqUnavailable("invalid_response", f"the audio is not a {fmt} file")
    return data


def offline_reply(heard: str) -> Reply:
    if asks_for_person(heard):
        return Reply(REPLY_HANDOFF, True, OFFLINE_TRANSFER_REASON)
    return Reply(REPLY_OFFLINE, False, None)


# ---- the turn -------------------------------------------------------------------------------


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


def _fallback_reason(
    provider: str, failure: GroqUnavailable | None, heard: str | None
) -> str | None:
    if provider != "offline":
        return None
    if failure is not None:
        return failure.summary
    return "nothing_heard: the audio held no words" if not heard else None


async def _hear(audio: bytes, fmt: str, failure: GroqUnavailable | None) -> str | GroqUnavailable:
    if failure is not None:
        return failure
    try:
        return await transcribe(audio, fmt)
    except GroqUnavailable as exc:
        return exc


async def voice_turn(request: AiVoiceRequest, actor: Actor) -> AiVoiceResponse:
    audio = None
    if request.audio_base64 is not None:
        assert request.audio_format is not None  # the model requires it with audio
        audio = decode_audio(request.audio_base64, request.audio_format)

    failure: GroqUnavailable | None = None
    if not groq_configured():
        failure = GroqUnavailable("not_configured", "GROQ_API_KEY is not set")

    heard: str | None = request.text
    if audio is not None:
        assert request.audio_format is not None
        # Reading the call and hearing the caller are independent: do both at once.
        (history, caller), heard_or_failure = await asyncio.gather(
            _open_call(request.call_id, actor),
            _hear(audio, request.audio_format, failure),
        )
        if isinstance(heard_or_failure, GroqUnavailable):
            failure, heard = heard_or_failure, None
        else:
            heard = heard_or_failure
    else:
        history, caller = await _open_call(request.call_id, actor)

    provider = "offline"
    if not heard:
        reply = Reply(REPLY_NOT_HEARD, False, None)
    elif failure is None:
        try:
            reply = await llm_reply(history, caller, heard)
            provider = "groq"
        except GroqUnavailable as exc:
            failure = exc
            reply = offline_reply(heard)
    else:
        reply = offline_reply(heard)

    audio_out: tuple[str, str] | None = None
    audio_reason: str | None = None
    if request.speak:
        if failure is None:
            try:
                audio_out = await speak(reply.text)
            except GroqUnavailable as exc:
                audio_reason = exc.summary
        else:
            audio_reason = f"speech skipped: {failure.summary}"

    turns = [TurnIn(speaker=Speaker.caller, text=heard)] if heard else []
    turns.append(TurnIn(speaker=Speaker.ai, text=reply.text))
    await calls.append_turns(request.call_id, AppendTurnsRequest(turns=turns), actor)

    return AiVoiceResponse(
        call_id=request.call_id,
        heard=heard or None,
        reply=reply.text,
        transfer_requested=reply.transfer_requested,
        transfer_reason=reply.transfer_reason,
        provider=provider,  # type: ignore[arg-type]
        fallback_reason=_fallback_reason(provider, failure, heard),
        audio_base64=audio_out[0] if audio_out else None,
        audio_format=audio_out[1] if audio_out else None,
        audio_unavailable_reason=audio_reason,
    )
