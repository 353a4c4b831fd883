"""Writing the briefing for a transfer: which provider wrote it, and why a fallback was used.

Groq writes it when configured; when Groq is not configured, fails, times out, runs
past the budget or returns JSON that fails validation, the offline summariser writes it
instead. Either way a briefing comes back: a transfer never fails because the LLM did.
Both are written in the briefing language; an LLM briefing is then checked against the
call (llm/fact_check.py): no number the call does not hold, no fact it holds left out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from functions.domain.models.briefing import Briefing, BriefingCorrection
from functions.domain.models.call import Caller, TranscriptLine
from functions.llm.briefing import llm_briefing
from functions.llm.client import groq_or_offline
from functions.services.privacy import redaction as redacting
from functions.shared import metrics
from functions.shared.settings import get_settings
from functions.text import fact_check, offline_briefing
from functions.text.facts import CALLER_SPEAKERS, extract
from functions.text.languages import detect_language
from functions.text.speech import normalise_lines

log = logging.getLogger("warm_transfer")

Checked = tuple[Briefing, tuple[BriefingCorrection, ...]]


@dataclass(frozen=True)
class BriefingResult:
    briefing: Briefing
    provider: str
    # Why the offline summariser wrote it: "<reason>: <detail>", reason one of
    # not_configured, rate_limited, upstream_error, request_rejected, timeout,
    # budget_exceeded, connection_error, invalid_json, invalid_output, invalid_response.
    fallback_reason: str | None = None
    transcript_language: str | None = None  # detected from the caller's words
    briefing_language: str | None = None
    corrections: tuple[BriefingCorrection, ...] = ()


async def write_briefing(
    transcript: Sequence[TranscriptLine],
    *,
    reason: str | None,
    context: str | None,
    caller: Caller | None,
    language: str | None = None,
) -> BriefingResult:
    language = language or get_settings().briefing_default_language
    said = "\n".join(t.text for t in transcript if t.speaker in CALLER_SPEAKERS)
    raw = [(t.speaker, t.text) for t in transcript]
    # As a person would write it: Groq, the facts and the fact check all read this form,
    # so a number said in words and the digits Groq writes agree.
    lines = normalise_lines([("context", context), *raw] if context else raw)
    transcript = [TranscriptLine(speaker=s, text=t) for s, t in lines if s != "context"]
    facts = extract(lines)

    async def online() -> Checked:
        briefing = await llm_briefing(
            transcript,
            reason=reason,
            context=context,
            caller=caller,
            language=language,
            facts=facts,
        )
        # What the LLM was given is what it may quote.
        material = [text for _, text in lines] + [reason or ""]
        material += [caller.name or "", caller.phone or ""] if caller else []
        checked, fixes = fact_check.check(
            briefing, material=material, facts=facts, language=language
        )
        # What the check removed is recorded with the value: redacted like the rest.
        shown = [f.model_copy(update={"value": redacting.plain(f.value)}) for f in fixes]
        return redacting.briefing(checked), tuple(shown)

    def offline() -> Checked:
        return offline_briefing.summarise(
            transcript,
            reason=reason,
            context=context,
            caller=caller,
            language=language,
            facts=facts,
        ), ()

    outcome = await groq_or_offline(online, offline)
    if outcome.failure is not None and outcome.failure.reason != "not_configured":
        # Logged without transcript text: the reason slug is enough to act on.
        log.warning("briefing fell back to offline: %s", outcome.failure.summary)
    metrics.count(metrics.BRIEFINGS, provider=outcome.provider)
    if outcome.failure is not None:
        metrics.count(metrics.BRIEFING_FALLBACKS, reason=outcome.failure.reason)
    briefing, corrections = outcome.value
    return BriefingResult(
        briefing,
        outcome.provider,
        outcome.fallback_reason,
        transcript_language=detect_language(said),
        briefing_language=language,
        corrections=corrections,
    )
