"""Redaction at the door: what callers say (turns), caller details, call metadata and the
older API's free-text context pass text/redaction.py's detectors, as REDACT and
REDACT_PATTERNS configure them, before anything is stored, sent to Groq, logged, pushed or
delivered; the raw text is kept nowhere. What Groq writes passes the same detectors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from functions.domain.models.briefing import Briefing
from functions.shared.settings import get_settings
from functions.text import redaction
from functions.text.redaction import Redacted


@cache
def _policy(
    kinds: str, patterns: tuple[tuple[str, str], ...]
) -> tuple[frozenset[str], dict[str, re.Pattern[str]]]:
    return redaction.enabled(kinds), {n: re.compile(p) for n, p in patterns}


def text(value: str) -> Redacted:
    settings = get_settings()
    kinds, patterns = _policy(settings.redact, settings.redact_patterns)
    return redaction.redact(value, kinds, patterns)


def plain(value: str | None) -> str | None:
    """Just the redacted text (None stays None)."""
    return None if value is None else text(value).text


def values(found: Mapping[str, str]) -> dict[str, str]:
    """A mapping's values redacted (call metadata)."""
    return {key: text(value).text for key, value in found.items()}


def briefing(written: Briefing) -> Briefing:
    """Every text of a briefing redacted: an LLM may repeat what it was told (it was told
    redacted turns), or make up something of the same shape."""
    customer = written.customer.model_copy(
        update={k: plain(v) for k, v in written.customer.model_dump().items()}
    )
    return written.model_copy(
        update={
            "headline": text(written.headline).text,
            "reason": text(written.reason).text,
            "key_facts": [text(f).text for f in written.key_facts],
            "next_steps": [text(s).text for s in written.next_steps],
            "spoken": text(written.spoken).text,
            "customer": customer,
        }
    )
