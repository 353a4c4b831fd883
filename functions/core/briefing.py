"""Writing the briefing for a transfer: which provider wrote it, and why a fallback was used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from functions.core import summarise_offline
from functions.core.models import Briefing, Caller, TranscriptLine


@dataclass(frozen=True)
class BriefingResult:
    briefing: Briefing
    provider: str
    fallback_reason: str | None = None


async def write_briefing(
    transcript: Sequence[TranscriptLine],
    *,
    reason: str | None,
    context: str | None,
    caller: Caller | None,
) -> BriefingResult:
    briefing = summarise_offline.summarise(
        transcript, reason=reason, context=context, caller=caller
    )
    return BriefingResult(briefing, provider="offline", fallback_reason="llm not configured")
