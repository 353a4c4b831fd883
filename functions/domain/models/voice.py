"""The AI voice turn's request and answer (POST /ai-voice)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from functions.domain.models import EntityId, Input, TurnText

# Formats Groq's transcription endpoint accepts that a voice pipeline sends.
AudioFormat = Literal["wav", "mp3", "ogg", "webm", "flac", "m4a"]


class AiVoiceRequest(Input):
    """POST /ai-voice: one caller turn, as `text` or as `audio_base64` + `audio_format`."""

    call_id: EntityId = Field(description="The call (opened if new)", examples=["c1"])
    text: TurnText | None = Field(
        None, description="What the caller said, as text", examples=["I need to talk to someone"]
    )
    audio_base64: str | None = Field(
        None, description="What the caller said, as audio (base64), transcribed by Groq"
    )
    audio_format: AudioFormat | None = Field(
        None, description="The audio's format (required with audio_base64)"
    )
    speak: bool = Field(False, description="Return the reply as audio too")

    @model_validator(mode="after")
    def _one_input(self) -> AiVoiceRequest:
        if (self.text is None) == (self.audio_base64 is None):
            raise ValueError("give exactly one of text or audio_base64")
        if self.audio_base64 is not None and self.audio_format is None:
            raise ValueError("audio_format is required with audio_base64")
        return self


class AiVoiceResponse(BaseModel):
    call_id: str = Field(description="The call", examples=["c1"])
    heard: str | None = Field(
        description="What the caller said (the transcription, for audio); null: nothing heard"
    )
    reply: str = Field(description="The AI agent's reply")
    transfer_requested: bool = Field(description="Whether the caller wants a person")
    transfer_reason: str | None = Field(None, description="Why, when transfer_requested")
    provider: Literal["groq", "offline"] = Field(description="Who wrote the reply")
    fallback_reason: str | None = Field(
        None, description="Why offline wrote it: `<reason>: <detail>`"
    )
    audio_base64: str | None = Field(None, description="The reply spoken (base64), when speak")
    audio_format: str | None = Field(None, description="The reply audio's format", examples=["wav"])
    audio_unavailable_reason: str | None = Field(
        None, description="Why no audio came back although speak was true"
    )


@dataclass(frozen=True)
class Reply:
    """What the voice turn answers: Groq's reply parsed, or the offline one."""

    text: str
    transfer_requested: bool
    transfer_reason: str | None
