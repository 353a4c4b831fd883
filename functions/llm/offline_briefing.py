"""The offline summariser: a deterministic, extractive briefing with no LLM.

Used when Groq is not configured or fails, so a transfer never fails because the LLM did.
It only copies what was said: the caller's stated reason, names, phone numbers, account
and order numbers, the last turns, and a sentiment guess from the caller's words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Literal

from functions.domain.models import Briefing, Caller, Customer, TranscriptLine
from functions.llm.prompts import cap_spoken

Sentiment = Literal["positive", "neutral", "negative", "upset"]
LAST_TURNS = 3

# Account-like references: a keyword, then an id that holds at least one digit (so
# "my account is locked" finds nothing).
_REFERENCE = re.compile(
    r"\b(account|acct|order|booking|ticket|reference|ref|invoice|case|policy|membership"
    r"|customer|tracking)"
    r"(?:\s+(?:number|no\.?|num|id|code|reference|ref))?\s*(?:is|was|:|#)?\s*#?\s*"
    r"(?=[A-Z-]*\d)([A-Z0-9][A-Z0-9-]{2,}[A-Z0-9])\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?!\w)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
# Introductions: the keyword is case-insensitive, the name must be capitalised.
_NAME = re.compile(
    r"(?i:\b(?:my name is|my name's|this is|i am|i'm|it's|call me|customer|caller|client))"
    r"(?::|\s)\s*"
    r"([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)"
)
_NOT_NAMES = {
    "Calling", "Sorry", "Not", "Just", "Very", "So", "Really", "Here", "Trying", "Having",
    "Looking", "The", "A", "An", "About", "Still", "Ringing", "Phoning", "Okay", "Fine",
    "Good", "Great", "Fed", "Tired", "Sure", "Afraid", "Unhappy", "Happy", "Angry", "In",
    "On", "At", "With", "Your", "My", "Ridiculous", "Unacceptable", "Annoyed", "Frustrated",
    "Service", "Services", "Support", "Care", "Name", "Number", "Account", "Order",
}  # fmt: skip
_GREETING = re.compile(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|yes|yeah|ok(?:ay)?|thanks?"
    r"(?: you)?)\b[\s,.!]*",
    re.IGNORECASE,
)
# Phrases callers use to say why they called; the first sentence holding one is the reason.
_REASON_CUE = re.compile(
    r"\b(?:(?:calling|called|rang|phoned) (?:about|because|regarding|to)|regarding"
    r"|i(?:'m| am) (?:calling|ringing|phoning)"
    r"|i (?:need|want|would like|'d like)|problem|issue|trouble|help with|wrong|broken"
    r"|charged|refund|cancel|can't|cannot|couldn't|won't|doesn't|didn't|never arrived|missing)",
    re.IGNORECASE,
)
# "my name is Dana Reyes and ..." at the start of a reason sentence says who, not why.
_INTRO_CLAUSE = re.compile(
    r"^(?i:(?:my name is|this is|i am|i'm))\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?"
    r"(?i:\s*(?:,|and|here)\s*)+"
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")

_UPSET = {
    "furious", "angry", "ridiculous", "unacceptable", "outrageous", "outraged", "disgusting",
    "terrible", "worst", "awful", "livid", "fed", "useless", "incompetent", "scam", "lawyer",
    "complaint", "sick",
}  # fmt: skip
_NEGATIVE = {
    "problem", "issue", "broken", "wrong", "charged", "twice", "late", "cancel", "frustrated",
    "frustrating", "annoyed", "disappointed", "unhappy", "bad", "missing", "failed", "error",
    "refund", "complain", "not", "never", "still", "waiting",
}  # fmt: skip
_POSITIVE = {
    "thanks", "thank", "great", "perfect", "appreciate", "happy", "wonderful", "excellent",
    "helpful", "lovely", "pleased",
}  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def guess_sentiment(caller_text: str) -> Sentiment:
    """Counting words: strong words or shouting make "upset"; more complaint than
    thanks makes "negative"; thanks alone makes "positive"."""
    words = _words(caller_text)
    upset = sum(w in _UPSET for w in words)
    negative = sum(w in _NEGATIVE for w in words)
    positive = sum(w in _POSITIVE for w in words)
    shouting = caller_text.count("!") >= 2 or bool(re.search(r"\b[A-Z]{4,}\b", caller_text))
    if upset or (shouting and negative):
        return "upset"
    if negative > positive:
        return "negative"
    if positive:
        return "positive"
    return "neutral"


def _clean(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, limit: int) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clip_words(text: str, words: int) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + "…"


def find_references(text: str) -> list[tuple[str, str]]:
    """(kind, id) pairs in order of appearance, without repeats: ("order", "4471")."""
    found: list[tuple[str, str]] = []
    for m in _REFERENCE.finditer(text):
        kind = m.group(1).lower()
        kind = {"acct": "account", "ref": "reference"}.get(kind, kind)
        ref = m.group(2).upper()
        if ref not in (r for _, r in found):
            found.append((kind, ref))
    return found


def find_phones(text: str) -> list[str]:
    """Phone numbers (7 to 15 digits), skipping dates and numbers that are references."""
    # Reference spans in order of start; both scans run left to right, so one pointer
    # walks them (linear in the text, however many numbers a long call holds).
    taken = [m.span(2) for m in _REFERENCE.finditer(text)]
    phones: dict[str, None] = {}  # ordered and without repeats
    i = 0
    for m in _PHONE.finditer(text):
        while i < len(taken) and taken[i][1] <= m.start():
            i += 1
        if i < len(taken) and taken[i][0] < m.end():
            continue  # overlaps a reference ("order number 12345678")
        raw = m.group(0).strip(" .-")
        digits = sum(c.isdigit() for c in raw)
        if 7 <= digits <= 15 and not _DATE.match(raw):
            phones[raw] = None
    return list(phones)


def find_names(text: str) -> list[str]:
    names: list[str] = []
    for m in _NAME.finditer(text):
        # Keep the leading words that are names ("Dana Calling" -> "Dana").
        kept = list(itertools.takewhile(lambda w: w not in _NOT_NAMES, m.group(1).split()))
        name = " ".join(kept)
        if name and name not in names:
            names.append(name)
    return names


def stated_reason(caller_lines: Sequence[str]) -> str | None:
    """The caller's own words for why they called: the first sentence with a reason cue,
    else the first caller sentence that is more than a greeting."""
    sentences = [_clean(s) for line in caller_lines for s in _SENTENCE.findall(line) if s.strip()]
    for sentence in sentences:
        if _REASON_CUE.search(sentence):
            return _trim_intro(sentence)
    for sentence in sentences:
        rest = _trim_intro(sentence)
        # More than a greeting or an introduction ("Hi there, it's Tom.").
        if len(_NAME.sub("", _GREETING.sub("", rest)).split()) >= 3:
            return rest
    return None


def _trim_intro(sentence: str) -> str:
    rest = _INTRO_CLAUSE.sub("", _GREETING.sub("", sentence).strip()).strip()
    return rest[:1].upper() + rest[1:] if rest else sentence


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
    # What the caller said (or, for older clients, the free-text context about them).
    caller_lines = [t.text for t in lines if t.speaker in ("caller", "context")]
    caller_text = "\n".join(caller_lines)

    names = find_names(caller_text)
    phones = find_phones(caller_text)
    references = find_references("\n".join(t.text for t in lines))
    name = (caller.name if caller else None) or (names[0] if names else None)
    phone = (caller.phone if caller else None) or (phones[0] if phones else None)
    account = references[0][1] if references else None
    sentiment = guess_sentiment(caller_text)

    said = stated_reason(caller_lines)
    why = _clip(said or reason or "no reason stated", 1000)

    facts: list[str] = []
    if reason:
        facts.append(f"Transfer reason: {_clip(reason, 270)}")
    facts += [f"{kind.capitalize()} number: {ref}" for kind, ref in references[:3]]
    facts += [
        f"Phone: {p}" for p in ([phone] if phone else []) + [p for p in phones if p != phone]
    ][:2]
    others = [n for n in names if n != name]
    if others:
        facts.append("Also named: " + ", ".join(others[:3]))
    facts += [f"{t.speaker}: {_clip(t.text, 280)}" for t in lines[-LAST_TURNS:]]

    steps: list[str] = []
    if sentiment in ("negative", "upset"):
        steps.append("Acknowledge the caller's frustration before anything else.")
    if account:
        steps.append(f"Verify the caller's identity and pull up {references[0][0]} {account}.")
    steps.append("Confirm the issue in the caller's own words before acting.")

    who = name or "The caller"
    headline_reason = reason or said or "a transfer"
    spoken = f"{who} is calling about: {_clip_words(_clean(why), 30).rstrip('.')}."
    if account:
        spoken += f" {references[0][0].capitalize()} {account}."
    if sentiment in ("negative", "upset"):
        # Spoken to a person: a mood, not a classifier label.
        spoken += " The caller sounds upset." if sentiment == "upset" else " The caller is unhappy."
    if reason and said:
        spoken += f" Transfer reason: {_clip_words(_clean(reason), 12).rstrip('.')}."
    return Briefing(
        headline=_clip(f"{who}: {headline_reason}", 200),
        reason=why,
        customer=Customer(name=name, phone=phone, account=account),
        sentiment=sentiment,
        key_facts=[_clip(f, 300) for f in facts[:10]],
        next_steps=steps,
        spoken=cap_spoken(_clean(spoken)),
    )
