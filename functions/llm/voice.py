"""The Groq steps of an AI voice turn: hear (Whisper), reply (chat with the
`request_human_transfer` tool, parsed and checked), speak (text to speech).

Every failure leaves as GroqUnavailable with a stable reason; services/voice.py then goes on
offline (text/voice_replies.py). The audio formats a turn accepts are known here too.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from functions.domain.models import TURN_MAX_CHARS
from functions.domain.models.voice import Reply
from functions.llm.client import GroqUnavailable, call_groq
from functions.llm.prompts import REQUEST_HUMAN_TRANSFER_TOOL, voice_messages
from functions.shared.settings import get_settings
from functions.text.voice_replies import REPLY_HANDOFF

if TYPE_CHECKING:
    from groq import AsyncGroq

DEFAULT_TRANSFER_REASON = "The caller needs a person."

MIME = {
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "webm": "audio/webm",
    "flac": "audio/flac",
    "m4a": "audio/mp4",
}


def sniff(data: bytes, fmt: str) -> bool:
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


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())[:TURN_MAX_CHARS]


async def transcribe(audio: bytes, fmt: str) -> str:
    settings = get_settings()
    result = await call_groq(
        lambda groq: groq.audio.transcriptions.create(
            model=settings.groq_whisper_model,
            file=(f"audio.{fmt}", audio, MIME[fmt]),
            response_format="json",
            temperature=0.0,
        ),
        settings.groq_voice_budget_seconds,
    )
    return _one_line(str(result.text or ""))


async def reply(history: Sequence[Any], caller: Any | None, heard: str) -> Reply:
    settings = get_settings()
    completion = await call_groq(
        lambda groq: groq.chat.completions.create(
            model=settings.groq_voice_model,
            messages=voice_messages(history, caller, heard),  # type: ignore[arg-type]
            tools=[REQUEST_HUMAN_TRANSFER_TOOL],  # type: ignore[list-item]
            tool_choice="auto",
            temperature=settings.groq_temperature,
            max_tokens=settings.groq_voice_max_tokens,
        ),
        settings.groq_voice_budget_seconds,
    )
    if not completion.choices:
        raise GroqUnavailable("invalid_response", "no choices")
    return parse_reply(completion.choices[0].message)


def parse_reply(message: Any) -> Reply:
    """The reply in a chat message: its text, and a transfer when it called the tool."""
    text = _one_line(message.content)
    for call in message.tool_calls or []:
        if call.function.name != REQUEST_HUMAN_TRANSFER_TOOL["function"]["name"]:
            continue
        try:
            args = json.loads(call.function.arguments or "{}")
        except json.JSONDecodeError:
            args = {}  # the intent is clear even when the arguments are not
        reason = args.get("reason") if isinstance(args, dict) else None
        reason = str(reason).strip()[:1000] if reason else DEFAULT_TRANSFER_REASON
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
    """`text` spoken by Groq as a `fmt` file (in `voice`, else the configured one); a file
    that is not one (empty, or not starting like a `fmt` file) is GroqUnavailable."""
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
    if fmt in MIME and not sniff(data, fmt):
        raise GroqUnavailable("invalid_response", f"the audio is not a {fmt} file")
    return data
