"""Writing the briefing for a transfer: which provider wrote it, and why a fallback was used.

Groq writes it when configured; when Groq is not configured, fails, times out, runs
past the budget or returns JSON that fails validation, the offline summariser writes it
instead. Either way a briefing comes back: a transfer never fails because the LLM did.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from functions.domain.models import Briefing, Caller, TranscriptLine
from functions.llm import offline_briefing
from functions.llm.briefing import llm_briefing
from functions.llm.client import groq_or_offline

log = logging.getLogger("warm_transfer")


@dataclass(frozen=True)
class BriefingResult:
    briefing: Briefing
    provider: str
    # Why the offline summariser wrote it: "<reason>: <detail>", reason one of
    # not_configured, rate_limited, upstream_error, request_rejected, timeout,
    # budget_exceeded, connection_error, invalid_json, invalid_output, invalid_response.
    fallback_reason: str | None = None


async def write_briefing(
    transcript: Sequence[TranscriptLine],
    *,
    reason: str | None,
    context: str | None,
    caller: Caller | None,
) -> BriefingResult:
    outcome = await groq_or_offline(
        lambda: llm_briefing(transcript, reason=reason, context=context, caller=caller),
        lambda: offline_briefing.summarise(
            transcript, reason=reason, context=context, caller=caller
        ),
    )
    if outcome.failure is not None and outcome.failure.reason != "not_configured":
        # Logged without transcript text: the reason slug is enough to act on.
        log.warning("briefing fell back to offline: %s", outcome.failure.summary)
    return BriefingResult(outcome.value, outcome.provider, outcome.fallback_reason)
