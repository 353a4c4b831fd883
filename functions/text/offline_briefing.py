"""The offline summariser: a deterministic, extractive briefing with no LLM.

Used when Groq is not configured or fails, so a transfer never fails because the LLM did.
It only copies what was said: the caller's stated reason, and every fact the dialogue-aware
extraction (`facts`) finds: names, references, phones, emails, amounts, dates; then the
last turns and a sentiment guess from the caller's words. Its fixed phrases are written in
the briefing language (English, Spanish, German, French, Portuguese; else English, and a
key fact says so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from functions.domain.models.briefing import Briefing, Customer
from functions.domain.models.call import Caller, TranscriptLine
from functions.text import fact_patterns as pat
from functions.text.briefing_phrases import label, phrases
from functions.text.fact_check import fact_lines
from functions.text.facts import CALLER_SPEAKERS, PHONE, Fact, Facts, extract, extract_text
from functions.text.languages import FILLER, REASON_CUES, words
from functions.text.speech import normalise_lines
from functions.text.spoken import cap_spoken

Sentiment = Literal["positive", "neutral", "negative", "upset"]
MAX_KEY_FACTS = 10
SHORT_REASON = 6  # words

_GREETING = re.compile(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|yes|yeah|ok(?:ay)?|thanks?"
    r"(?: you)?|hola|buen[oa]s (?:días|tardes|noches)|hallo|guten (?:tag|morgen|abend)|bonjour"
    r"|bonsoir|olá|oi|bo[ma] (?:dia|tarde|noite))\b"
    r"[\s,.!]*",
    re.IGNORECASE,
)
_REASON_CUE = re.compile(r"(?<!\w)(?:" + "|".join(REASON_CUES) + r")(?!\w)", re.IGNORECASE)
# "my name is Dana Reyes and ..." at the start of a reason sentence says who, not why.
_INTRO_JOIN = re.compile(r"^(?:\s*(?:,|and|here|y|und|et|e)\s*)+", re.IGNORECASE)

_UPSET = {
    "furious", "angry", "ridiculous", "unacceptable", "outrageous", "outraged", "disgusting",
    "terrible", "worst", "awful", "livid", "fed", "useless", "incompetent", "scam", "lawyer",
    "complaint", "sick", "inaceptable", "vergonzoso", "ridículo", "unverschämt", "frechheit",
    "unmöglich", "inacceptable", "scandaleux", "inadmissible", "absurdo", "inaceitável",
}  # fmt: skip
_NEGATIVE = {
    "problem", "issue", "broken", "wrong", "charged", "twice", "late", "cancel", "frustrated",
    "frustrating", "annoyed", "disappointed", "unhappy", "bad", "missing", "failed", "error",
    "refund", "complain", "not", "never", "still", "waiting", "problema", "problème", "roto",
    "kaputt", "cassé", "quebrado", "reembolso", "remboursement", "erstattung", "nunca",
    "jamais", "nie", "nicht", "doppelt", "dos", "deux", "enfadado", "verärgert", "déçu",
}  # fmt: skip
_POSITIVE = {
    "thanks", "thank", "great", "perfect", "appreciate", "happy", "wonderful", "excellent",
    "helpful", "lovely", "pleased", "gracias", "danke", "merci", "obrigado", "obrigada",
}  # fmt: skip


def guess_sentiment(caller_text: str) -> Sentiment:
    """Counting words: strong words or shouting make "upset"; more complaint than
    thanks makes "negative"; thanks alone makes "positive"."""
    said = words(caller_text)
    upset = sum(w in _UPSET for w in said)
    negative = sum(w in _NEGATIVE for w in said)
    positive = sum(w in _POSITIVE for w in said)
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


def _clip_words(text: str, count: int) -> str:
    parts = text.split()
    return text if len(parts) <= count else " ".join(parts[:count]).rstrip(",;:") + "…"


def find_references(text: str) -> list[tuple[str, str]]:
    """(kind, id) pairs in order of appearance, without repeats: ("order", "4471")."""
    return [(f.kind, f.value) for f in extract_text(text).references]


def find_phones(text: str) -> list[str]:
    """Phone numbers (7 to 15 digits), skipping dates and numbers that are references."""
    return extract_text(text).of(PHONE)


def find_names(text: str) -> list[str]:
    """Names the speaker introduces ("my name is", "me llamo", "ich heiße", ...)."""
    return extract_text(text).names


def _trim_intro(sentence: str) -> str:
    """The sentence without its greeting and "my name is <name>, and"."""
    rest = _GREETING.sub("", sentence.strip()).strip()
    for start, name in pat.introduced_names(rest):
        if start == 0:
            rest = _INTRO_JOIN.sub("", rest[rest.index(name) + len(name) :]).strip()
        break
    return rest[:1].upper() + rest[1:] if rest else sentence


def _substantive(sentence: str) -> bool:
    """More than filler, greetings and introductions ("Okay, no problem." is not)."""
    for start, name in reversed(list(pat.introduced_names(sentence))):
        end = sentence.index(name, start) + len(name)
        sentence = sentence[:start] + " " + sentence[end:]
    said = words(sentence)
    return len(said) >= 3 and sum(w not in FILLER for w in said) >= 2


def stated_reason(caller_lines: Sequence[str], answers: frozenset[int] = frozenset()) -> str | None:
    """The caller's own words for why they called, from the first caller line that says
    more than filler (answers to the agent's questions aside): its first sentence with a
    reason cue, else its first substantive sentence. When that says little (no cue, or
    under SHORT_REASON words: "I have two problems."), the next such line's first cued
    sentence follows it."""
    found: str | None = None
    for i, line in enumerate(caller_lines):
        said = [s for s in map(_clean, pat.sentences(line)) if _substantive(s)]
        if not said or i in answers:
            continue
        cued = [s for s in said if _REASON_CUE.search(s)]
        if found is not None:
            return f"{found} {cued[0]}" if cued else found
        found = _trim_intro((cued or said)[0])
        if cued and len(found.split()) >= SHORT_REASON:
            return found
    return found


HEADLINE_WORDS = 8
# "I got charged twice" -> "charged twice": a headline says what, not who said it.
_FIRST_PERSON = re.compile(
    r"^(?:i(?:'ve| have| was| am|'m| got| had)?(?: been)?|we(?:'ve| have)?)\s+",
    re.IGNORECASE,
)


def _headline(who: str, why: str, main: Fact | None, language: str | None) -> str:
    """What a person would write: the caller, the reason in a few words, the key
    reference ("Maria Gonzalez: charged twice this month (Order 55210)")."""
    short = _FIRST_PERSON.sub("", _clean(why).rstrip(".!?"))
    short = _clip_words(short, HEADLINE_WORDS).rstrip(".,;:")
    ref = f" ({label(main.kind, language)} {main.value})" if main else ""
    if main and main.value in short:
        ref = ""
    return _clip(f"{who}: {short}{ref}", 200)


def summarise(
    transcript: Sequence[TranscriptLine],
    *,
    reason: str | None,
    context: str | None,
    caller: Caller | None,
    language: str | None = None,
    facts: Facts | None = None,
) -> Briefing:
    lines = list(transcript)
    if context:
        lines.insert(0, TranscriptLine(speaker="context", text=context))
    # As a person would write it (speech-to-text: digits said one by one, fillers, ...).
    normalised = normalise_lines([(t.speaker, t.text) for t in lines])
    lines = [TranscriptLine(speaker=s, text=t) for s, t in normalised]
    if facts is None:
        facts = extract([(t.speaker, t.text) for t in lines])
    words_, _, labels_known = phrases(language)
    # What the caller said (or, for older clients, the free-text context about them).
    said = [(i, t.text) for i, t in enumerate(lines) if t.speaker in CALLER_SPEAKERS]
    caller_text = "\n".join(text for _, text in said)
    answers = frozenset(n for n, (i, _) in enumerate(said) if i in facts.answers)
    stated = stated_reason([text for _, text in said], answers)
    why = _clip(stated or reason or words_["no_reason"], 1000)

    names = facts.names
    name = (caller.name if caller else None) or (names[0] if names else None)
    phones = facts.of(PHONE)
    phone = (caller.phone if caller else None) or (phones[0] if phones else None)
    main = facts.references[0] if facts.references else None
    sentiment = guess_sentiment(caller_text)

    shown = [f for f in facts.items if f.kind != "name"]
    if phone and phone not in phones:
        shown.insert(0, Fact(PHONE, phone))
    facts_said = [f"{words_['transfer_reason']}: {_clip(reason, 270)}"] if reason else []
    facts_said += fact_lines(shown + [Fact("name", n) for n in names if n != name], language)
    if not labels_known:
        facts_said.append(words_["fallback"].format(tag=language))
    if len(facts_said) > MAX_KEY_FACTS - 1:
        # Many kinds of fact: the last lines share one, so none is lost and a turn fits.
        cut = MAX_KEY_FACTS - 2
        facts_said = [*facts_said[:cut], "; ".join(facts_said[cut:])]
    key_facts = facts_said[:MAX_KEY_FACTS]  # facts, never transcript lines

    steps: list[str] = []
    if sentiment in ("negative", "upset"):
        steps.append(words_["acknowledge"])
    if main:
        steps.append(words_["verify"].format(label=label(main.kind, language), ref=main.value))
    steps.append(words_["confirm"])

    who = name or words_["caller"]
    spoken = words_["about"].format(who=who, why=_clip_words(_clean(why), 30).rstrip("."))
    if main:
        spoken += f" {label(main.kind, language)} {main.value}."
    if sentiment in ("negative", "upset"):
        # Spoken to a person: a mood, not a classifier label.
        spoken += " " + words_[sentiment if sentiment == "upset" else "unhappy"]
    if reason and stated:
        spoken += f" {words_['transfer_reason']}: {_clip_words(_clean(reason), 12).rstrip('.')}."
    return Briefing(
        headline=_headline(who, reason or stated or words_["a_transfer"], main, language),
        reason=why,
        customer=Customer(name=name, phone=phone, account=main.value if main else None),
        sentiment=sentiment,
        key_facts=[_clip(f, 300) for f in key_facts],
        next_steps=[_clip(s, 300) for s in steps],
        spoken=cap_spoken(_clean(spoken)),
    )
