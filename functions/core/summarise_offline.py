"""The offline summariser: a deterministic, extractive briefing with no LLM.

Used when Groq is not configured or fails, so a transfer never fails because the LLM did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from functions.core.models import Briefing, Caller, Customer, TranscriptLine

_PHONE = re.compile(r"(?<!\w)\+?\d[\d ().-]{6,}\d")
_ACCOUNT = re.compile(
    r"\b(?:account|acct|order|booking|ticket|reference|ref)\s*(?:number|no\.?|#)?\s*(?:is\s*)?"
    r"[:#]?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,})",  # an id has a digit
    re.IGNORECASE,
)
_NAME = re.compile(r"\b(?:my name is|this is|i am|i'm)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
_UPSET = {"furious", "angry", "ridiculous", "unacceptable", "terrible", "worst", "outraged"}
_NEGATIVE = {"problem", "issue", "broken", "wrong", "charged", "late", "cancel", "frustrated"}
_POSITIVE = {"thanks", "thank", "great", "perfect", "appreciate", "happy"}
MAX_SPOKEN_WORDS = 60


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def _sentiment(caller_text: str) -> str:
    words = _words(caller_text)
    if words & _UPSET:
        return "upset"
    if words & _NEGATIVE:
        return "negative"
    if words & _POSITIVE:
        return "positive"
    return "neutral"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clip_words(text: str, words: int) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + "…"


def summarise(
    transcript: Sequence[TranscriptLine],
    *,
    reason: str | None,
    context: str | None,
    caller: Caller | None,
) -> Briefing:
    lines = list(transcript)
    if context:
        lines.insert(0, TranscriptLine(speaker="context", text=context))
    caller_lines = [t.text for t in lines if t.speaker in ("caller", "context")]
    caller_text = " ".join(caller_lines)
    everything = " ".join(t.text for t in lines)

    name = (caller.name if caller else None) or next(
        (m.group(1) for m in _NAME.finditer(everything)), None
    )
    phone = (caller.phone if caller else None) or next(
        (m.group(0).strip() for m in _PHONE.finditer(caller_text)), None
    )
    account = next((m.group(1) for m in _ACCOUNT.finditer(everything)), None)
    stated = reason or (caller_lines[0] if caller_lines else "no reason given")
    stated = _clip(stated, 300)

    facts = []
    if account:
        facts.append(f"Account/reference: {account}")
    if phone:
        facts.append(f"Phone: {phone}")
    facts += [f"{t.speaker}: {_clip(t.text, 200)}" for t in lines[-3:]]
    sentiment = _sentiment(caller_text)

    who = name or "The caller"
    spoken = f"{who} is calling about: {_clip_words(stated, 30)}."
    if account:
        spoken += f" Reference {account}."
    if sentiment in ("negative", "upset"):
        spoken += f" The caller sounds {sentiment}."
    return Briefing(
        headline=_clip(f"{who}: {stated}", 200),
        reason=stated,
        customer=Customer(name=name, phone=phone, account=account),
        sentiment=sentiment,  # type: ignore[arg-type]
        key_facts=facts[:10],
        next_steps=["Greet the caller by name and confirm the issue before acting."],
        spoken=_clip_words(spoken, MAX_SPOKEN_WORDS),
    )
