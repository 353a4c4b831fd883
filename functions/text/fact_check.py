"""Checking an LLM briefing against the call: no invented numbers, none lost.

Every id, phone number, email address and amount of money the briefing shows must be in
the material the LLM was given (transcript, context, transfer reason, caller record).
One that is not is removed (a list item goes whole; a sentence loses the token; a
customer field is emptied) and recorded. Then every fact extraction found in the call
that the briefing no longer shows is put back: into the customer fields when they are
empty, else into key_facts, in the briefing's language. Pure text; no SDK.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation

from functions.domain.models.briefing import Briefing, BriefingCorrection, Customer
from functions.text import fact_patterns as pat
from functions.text.briefing_phrases import label, phrases, prompt_instruction
from functions.text.facts import AMOUNT, DATE, EMAIL, NAME, PHONE, Fact, Facts

MAX_KEY_FACTS = 10
MAX_FACT_CHARS = 300
_NUMBER = re.compile(r"\d[\d.,]*")
_ID = "id"


def money(text: str) -> Decimal | None:
    """The value of an amount as said: "49,99 €" and "$49.99" are both 49.99."""
    m = _NUMBER.search(text)
    if m is None:
        return None
    number = m.group(0).rstrip(".,")
    whole, frac = number, "0"
    if split := re.match(r"^(.*?)[.,](\d{1,2})$", number):
        whole, frac = split.groups()
    try:
        return Decimal(f"{pat.digits(whole) or 0}.{frac}")
    except InvalidOperation:
        return None


def _claims(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, value) of each checkable number in a text: emails, amounts,
    phones and id-like tokens (three or more digits, or letters with digits)."""
    taken = bytearray(len(text))  # nothing is read twice; dates are not checked
    for kind, spans in (
        (EMAIL, pat.emails(text)),
        (AMOUNT, pat.amounts(text)),
        (DATE, pat.dates(text)),
        (PHONE, pat.phones(text)),
        (_ID, pat.id_tokens(text, strict=False)),
    ):
        for start, end, value in spans:
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\x01" * (end - start)
            if kind != DATE:
                yield start, end, kind, value


class Known:
    """What a body of text contains, compared the way numbers are said differently."""

    def __init__(self, texts: Iterable[str]) -> None:
        text = "\n".join(t for t in texts if t)
        self.lower = text.lower()
        self.emails = {v for _, _, v in pat.emails(text, spoken=True)}
        self.ids = {pat.alnum(m.group(2)) for m in pat.TOKEN.finditer(text)}
        self.ids |= {pat.alnum(v) for _, _, v in pat.phones(text)}
        self.runs = {pat.digits(v) for _, _, v in pat.phones(text)}
        self.runs |= {i for i in self.ids if i.isdigit()}
        self.money = {money(m.group(0)) for m in _NUMBER.finditer(text)} - {None}

    def has(self, kind: str, value: str) -> bool:
        if kind == EMAIL:
            return value.lower() in self.emails or value.lower() in self.lower
        if kind == AMOUNT:
            return money(value) in self.money
        if kind == PHONE:
            # "555 0100" for "+1 415 555 0100", or "+44 7911 ..." for "07911 ...": one holds
            # the other once a national leading 0 is dropped.
            d = pat.digits(value).lstrip("0")
            runs = (r.lstrip("0") for r in self.runs)
            return any(len(min(d, r, key=len)) >= 7 and (d in r or r in d) for r in runs)
        if kind in (NAME, DATE):
            return value.lower() in self.lower
        return pat.alnum(value) in self.ids or pat.digits(value) in self.runs


def _scrub(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        if start and text[start - 1] == "#":
            start -= 1
        text = text[:start] + text[end:]
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return " ".join(text.split())


def remove_invented(briefing: Briefing, known: Known) -> tuple[Briefing, list[BriefingCorrection]]:
    """The briefing without numbers, emails and amounts `known` does not hold."""
    fixes: list[BriefingCorrection] = []

    def invented(text: str, where: str) -> list[tuple[int, int]]:
        spans = []
        for start, end, kind, value in _claims(text):
            if not known.has(kind, value):
                fixes.append(
                    BriefingCorrection(action="removed", kind=kind, value=value, where=where)
                )
                spans.append((start, end))
        return spans

    update: dict[str, object] = {}
    for name in ("headline", "reason", "spoken"):
        text = getattr(briefing, name)
        if spans := invented(text, name):
            update[name] = _scrub(text, spans)
    for name in ("key_facts", "next_steps"):
        items = getattr(briefing, name)
        kept = [item for item in items if not invented(item, name)]
        if len(kept) != len(items):
            update[name] = kept
    customer = briefing.customer.model_dump()
    for key, kind in (("phone", PHONE), ("account", _ID)):
        value = customer[key]
        if value and any(not known.has(k, v) for _, _, k, v in _claims(value)):
            fixes.append(
                BriefingCorrection(
                    action="removed", kind=kind, value=value, where=f"customer.{key}"
                )
            )
            customer[key] = None
    if customer != briefing.customer.model_dump():
        update["customer"] = Customer(**customer)
    return (briefing.model_copy(update=update) if update else briefing), fixes


def fact_lines(facts: Sequence[Fact], tag: str | None) -> list[str]:
    """One key-fact line per kind, in the briefing's language: "Order number: 4471, 5520"."""
    words = phrases(tag)[0]
    grouped: dict[str, list[str]] = {}
    for fact in facts:
        if fact.is_reference:
            title = label(fact.kind, tag)
        else:
            title = words["also_named"] if fact.kind == NAME else words[fact.kind]
        grouped.setdefault(title, []).append(fact.value)
    return [_clip(f"{title}: {', '.join(values)}") for title, values in grouped.items()]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_FACT_CHARS else text[: MAX_FACT_CHARS - 1] + "…"


def restore_dropped(
    briefing: Briefing, facts: Facts, tag: str | None
) -> tuple[Briefing, list[BriefingCorrection]]:
    """The briefing with every extracted fact it no longer shows put back."""
    fixes: list[BriefingCorrection] = []
    customer = briefing.customer.model_dump()
    firsts = {"name": facts.names, "phone": facts.of(PHONE), "account": facts.references}
    for key, found in firsts.items():
        if not customer[key] and found:
            value = found[0].value if isinstance(found[0], Fact) else found[0]
            customer[key] = value
            fixes.append(
                BriefingCorrection(action="added", kind=key, value=value, where=f"customer.{key}")
            )
    shown = Known(_texts(briefing) + [v for v in customer.values() if v])
    missing = [f for f in facts.items if not shown.has(f.kind, f.value)]
    key_facts = list(briefing.key_facts)
    if missing:
        lines = fact_lines(missing, tag)
        if len(lines) > MAX_KEY_FACTS - len(key_facts):
            lines = [_clip("; ".join(lines))]
        key_facts = key_facts[: MAX_KEY_FACTS - len(lines)] + lines
        fixes += [
            BriefingCorrection(action="added", kind=f.kind, value=f.value, where="key_facts")
            for f in missing
        ]
    if not fixes:
        return briefing, fixes
    update = {"customer": Customer(**customer), "key_facts": key_facts}
    return briefing.model_copy(update=update), fixes


def _texts(briefing: Briefing) -> list[str]:
    return [briefing.headline, briefing.reason, briefing.spoken, *briefing.key_facts]


def check(
    briefing: Briefing, *, material: Iterable[str], facts: Facts, language: str | None
) -> tuple[Briefing, list[BriefingCorrection]]:
    """Remove what the material does not contain, then restore the facts it does."""
    briefing, removed = remove_invented(briefing, Known(material))
    briefing, added = restore_dropped(briefing, facts, language)
    return briefing, removed + added


def prompt_messages(
    messages: list[dict[str, str]], *, language: str, facts: Facts
) -> list[dict[str, str]]:
    """The briefing messages plus the language to write in (system) and the facts to keep,
    as a JSON list before the transcript (so a transcript cut to its budget still has them)."""
    listed = [f"{f.kind}: {f.value}" for f in facts.items]
    # JSON-quoted with angle brackets escaped, like the transcript: data, never instructions.
    block = json.dumps(listed, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    system, user, *rest = messages
    system = {**system, "content": f"{system['content']}\n\n{prompt_instruction(language)}"}
    text = user["content"]
    at = text.find("<transcript>") if "<transcript>" in text else len(text)
    user = {**user, "content": f"{text[:at]}<facts>\n{block}\n</facts>\n\n{text[at:]}"}
    return [system, user, *rest]
