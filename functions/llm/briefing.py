"""The LLM briefing: one Groq chat completion in JSON mode, validated by `Briefing`.

Any failure raises GroqUnavailable with a stable reason; the caller (domain.briefing)
then lets the offline summariser write the briefing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from functions.domain.models.briefing import Briefing, Customer
from functions.llm.client import GroqUnavailable, call_groq, classify, get_groq
from functions.llm.prompts import briefing_messages, caller_details, turn_parts
from functions.shared.settings import get_settings
from functions.text.fact_check import prompt_messages
from functions.text.facts import Facts, extract
from functions.text.spoken import cap_spoken


async def llm_briefing(
    turns: Sequence[Any],
    *,
    reason: str | None,
    context: str | None,
    caller: Any | None,
    language: str | None = None,
    facts: Facts | None = None,
) -> Briefing:
    settings = get_settings()
    get_groq()  # GroqUnavailable("not_configured") before any prompt work
    messages, _ = briefing_messages(
        turns,
        reason=reason,
        context=context,
        caller=caller,
        token_budget=settings.briefing_transcript_token_budget,
    )
    messages = prompt_messages(
        messages,
        language=language or settings.briefing_default_language,
        facts=facts if facts is not None else extract(list(map(turn_parts, turns))),
    )
    completion = await call_groq(
        lambda groq: groq.chat.completions.create(
            model=settings.groq_briefing_model,
            messages=messages,  # type: ignore[arg-type]
            response_format={"type": "json_object"},
            temperature=settings.groq_temperature,
            max_tokens=settings.groq_briefing_max_tokens,
        ),
        settings.groq_briefing_budget_seconds,
    )
    try:
        if not completion.choices:
            raise GroqUnavailable("invalid_response", "no choices")
        data = json.loads(completion.choices[0].message.content or "")
        if not isinstance(data, dict):
            raise GroqUnavailable("invalid_output", "JSON is not an object")
        briefing = Briefing.model_validate(data)
    except Exception as exc:
        raise classify(exc) from exc
    return _finish(briefing, caller)


def _finish(briefing: Briefing, caller: Any | None) -> Briefing:
    """Fill customer details the call record already knows; keep `spoken` speakable."""
    updates: dict[str, Any] = {}
    known = caller_details(caller)
    filled = {k: v for k, v in known.items() if not getattr(briefing.customer, k)}
    if filled:
        updates["customer"] = Customer(**{**briefing.customer.model_dump(), **filled})
    spoken = cap_spoken(briefing.spoken)
    if spoken != briefing.spoken:
        updates["spoken"] = spoken
    return briefing.model_copy(update=updates) if updates else briefing
