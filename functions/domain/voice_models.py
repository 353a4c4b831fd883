"""The AI voice turn's request and answer (POST /ai-voice)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, model_validator

from functions.domain.models import EntityId, Input, TurnText

# Formats Groq's transcription endpoint accepts that a voice pipeline sends.
AudioFormat = Literal["wav", "mp3", "ogg", "webm", "flac", "m4a"]


class AiVoiceRequest(Input):
    """POST /ai-voice: one caller turn, as `text` or as `audio_base64` + `audio_format`."""

    call_id: EntityId
    text: TurnText | None = None
    audio_base64: str | None = None
    audio_format: AudioFormat | None = None
    # Return the reply as audio too.
    speak: bool = False

    @model_validator(mode="after")
    def _one_input(self) -> AiVoiceRequest:
        if (self.text is None) == (self.audio_base64 is None):
            raise ValueError("give exactly one of text or audio_base64")
        if self.audio_base64 is not None and self.audio_format is None:
            raise ValueError("audio_format is required with audio_base64")
        return self


class AiVoiceResponse(BaseModel):
    call_id: str
    # What the caller said (the transcription for audio); None when nothing was heard.
    heard: str | None
    reply: str
    transfer_requested: bool
    transfer_reason: str | None = None
    # Who wrote the reply: "groq", or "offline" with the reason in fallback_reason.
    provider: Literal["groq", "offline"]
    fallback_reason: str | None = None
    audio_base64: str | None = None
    audio_format: str | None = None
    # Why no audio came back although speak was true.
    audio_unavailable_reason: str | None = None
