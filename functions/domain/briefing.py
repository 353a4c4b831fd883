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
from functions.llm import offline_briefing as summarise_offline
from functions.llm.briefing import llm_briefing
from functions.llm.client import GroqUnavailable, groq_configured
from functions.shared import metrics

log = logging.getLogger("warm_transfer")

PROVIDER_GROQ = "groq"
PROVIDER_OFFLINE = "offline"
NOT_CONFIGURED = "not_configured: GROQ_API_KEY is not set"


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
    if groq_configured():
        try:
            briefing = await llm_briefing(transcript, reason=reason, context=context, caller=caller)
            metrics.count(metrics.BRIEFINGS, provider=PROVIDER_GROQ)
            return BriefingResult(briefing, provider=PROVIDER_GROQ)
        except GroqUnavailable as exc:
            # Logged without transcript text: the reason slug is enough to act on.
            log.warning("briefing fell back to offline: %s", exc.summary)
            fallback, slug = exc.summary, exc.reason
    else:
        fallback, slug = NOT_CONFIGURED, "not_configured"
    metrics.count(metrics.BRIEFINGS, provider=PROVIDER_OFFLINE)
    metrics.count(metrics.BRIEFING_FALLBACKS, reason=slug)
    briefing = summarise_offline.summarise(
        transcript, reason=reason, context=context, caller=caller
    )
    return BriefingResult(briefing, provider=PROVIDER_OFFLINE, fallback_reason=fallback)
