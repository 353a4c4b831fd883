"""Dialogue-aware extraction of the facts a call states: names, references (account,
order, booking, ... numbers), phones, emails, amounts of money and dates.

A fact is read where it is said: after its keyword in any of the five languages
("order number 4471", "mi pedido es el 4471", "Kundennummer 40917733"), or as the
caller's answer when the agent or AI has just asked for that kind of fact ("What's the
account number?" / "QX-2207."). Every fact is kept, in the order it was said.
Pure text; no SDK.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from functions.llm import fact_patterns as pat
from functions.llm.languages import (
    AFFIRMATIVES,
    ASK_EMAIL,
    ASK_NAME,
    ASK_PHONE,
    REFERENCE_WORDS,
    REQUEST_WORDS,
)

NAME, PHONE, EMAIL, AMOUNT, DATE = "name", "phone", "email", "amount", "date"
REFERENCE = "reference"  # a reference whose kind was not said
REFERENCE_KINDS = frozenset(REFERENCE_WORDS.values())
CALLER_SPEAKERS = frozenset({"caller", "context"})
# A caller answers within this many turns of being asked, or the question lapses.
ANSWER_WITHIN = 2
# How far before an id its reference word may be ("account, which is 55-1234").
NEAR = 40


def _any(words: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![^\W\d_])", re.IGNORECASE)


_ASK_EMAIL, _ASK_PHONE, _ASK_NAME = _any(ASK_EMAIL), _any(ASK_PHONE), _any(ASK_NAME)
_REQUEST = _any(REQUEST_WORDS)
_KIND_WORD = pat.KIND_WORD
_NUMBER_WORD = _any(["number", "número", "numero", "nummer", "numéro", "id", "nr", "code"])
# Reference words that, without "number", do not ask for one ("are you a customer?").
_WEAK = frozenset({"customer", "cliente", "client", "kunden", "member", "membre", "case", "ref"})
_AFFIRMATIVE = re.compile(
    r"^\W*(?:" + "|".join(map(re.escape, AFFIRMATIVES)) + r")\b", re.IGNORECASE
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Fact:
    kind: str  # name, phone, email, amount, date, or a reference kind (order, account, ...)
    value: str
    turn: int = -1  # index of the line it was said in (-1: not from a line)

    @property
    def is_reference(self) -> bool:
        return self.kind in REFERENCE_KINDS or self.kind == REFERENCE


def _key(kind: str, value: str) -> tuple[str, str]:
    """Two mentions of one fact share a key: ids without punctuation, phones by digits."""
    if kind in REFERENCE_KINDS or kind == REFERENCE:
        return REFERENCE, pat.alnum(value)
    if kind == PHONE:
        return PHONE, pat.digits(value)
    return kind, value.lower()


@dataclass
class Facts:
    items: list[Fact] = field(default_factory=list)
    # Caller lines that answered a question for a fact ("Irene Walsh."): not a reason.
    answers: set[int] = field(default_factory=set)

    def add(self, fact: Fact) -> None:
        key = _key(fact.kind, fact.value)
        if fact.kind == PHONE and any(pat.digits(f.value) == key[1] for f in self.references):
            return  # the same digits were already read as a reference
        for i, old in enumerate(self.items):
            if _key(old.kind, old.value) == key:
                return
            if fact.kind == NAME == old.kind and fact.value.startswith(old.value + " "):
                self.items[i] = fact  # "Dana", later "Dana Reyes": keep the full name
                return
            if fact.kind == NAME == old.kind and old.value.startswith(fact.value + " "):
                return
        self.items.append(fact)

    def of(self, kind: str) -> list[str]:
        return [f.value for f in self.items if f.kind == kind]

    @property
    def references(self) -> list[Fact]:
        return [f for f in self.items if f.is_reference]

    @property
    def names(self) -> list[str]:
        return self.of(NAME)


def asked_kinds(text: str) -> list[str]:
    """The kinds of fact an agent's or AI's turn asks for ("What's your order number?")."""
    asking = " ".join(s for s in pat.sentences(text) if "?" in s or _REQUEST.search(s) is not None)
    if not asking:
        return []
    kinds = [k for k, p in ((EMAIL, _ASK_EMAIL), (PHONE, _ASK_PHONE)) if p.search(asking)]
    if _ASK_NAME.search(asking):
        kinds.append(NAME)
    numbered = _NUMBER_WORD.search(asking) is not None
    for m in _KIND_WORD.finditer(asking):
        word = m.group(0).lower()
        if word not in _WEAK or numbered:
            kinds.append(REFERENCE_WORDS[word])
            break
    else:
        if numbered and PHONE not in kinds:
            kinds.append(REFERENCE)
    return kinds


def _last_kind(text: str) -> str | None:
    found = [REFERENCE_WORDS[m.group(0).lower()] for m in _KIND_WORD.finditer(text)]
    return found[-1] if found else None


def _kind_near(text: str, start: int) -> str | None:
    """The reference word shortly before `start` in the same sentence, if any."""
    window = text[max(start - NEAR, 0) : start]
    return _last_kind(re.split(r"[.!?](?:\s|$)", window)[-1])


def _caller_turn(text: str, asked: list[str], last_kind: str | None) -> list[tuple[int, Fact]]:
    """Facts in one caller turn, with where each starts, given what was just asked."""
    found: list[tuple[int, Fact]] = []
    taken: list[tuple[int, int]] = []

    def take(start: int, end: int, kind: str, value: str) -> None:
        taken.append((start, end))
        found.append((start, Fact(kind, value)))

    def free(spans: Iterable[pat.Span]) -> Iterable[pat.Span]:
        return (s for s in spans if not pat.overlaps(s[0], s[1], taken))

    for kind, spans in (
        (EMAIL, pat.emails(text, spoken=EMAIL in asked)),
        (AMOUNT, pat.amounts(text)),
        (DATE, pat.dates(text)),
    ):
        for start, end, value in free(spans):
            take(start, end, kind, value)
    for start, end, kind, ref in pat.references(text):
        if not pat.overlaps(start, end, taken):
            take(start, end, kind, ref)
    ref_asked = next((k for k in asked if k in REFERENCE_KINDS or k == REFERENCE), None)
    # A bare digit run answers the reference asked for, unless it is said as a phone.
    said_phone = PHONE in asked or _ASK_PHONE.search(text) is not None
    for start, end, value in free(pat.phones(text)):
        ref_kind = None if said_phone or value[0] in "+(" else ref_asked or _kind_near(text, start)
        take(start, end, ref_kind or PHONE, value.upper() if ref_kind else value)
    for start, end, value in free(pat.id_tokens(text, strict=False)):
        # "my account, which is 55-1234": a reference word shortly before, in the sentence.
        ref_kind = ref_asked or _kind_near(text, start)
        if ref_kind and not _YEAR.match(value):
            take(start, end, ref_kind, value)
    for start, end, value in free(pat.id_tokens(text, strict=True)):
        before = _last_kind(text[:start])
        take(start, end, before or ref_asked or last_kind or REFERENCE, value)
    if not ref_asked and _AFFIRMATIVE.match(text):
        # "Yes, 88123." after a question about a reference the agent named.
        for start, end, value in free(pat.id_tokens(text, strict=False)):
            if value.isdigit() and len(value) >= 4 and not _YEAR.match(value):
                take(start, end, last_kind or REFERENCE, value)
    names = list(pat.introduced_names(text)) or list(pat.suffixed_names(text))
    if not names and NAME in asked:
        name = pat.longest_name(text) or pat.plain_name(text)
        names = [(0, name)] if name else []
    found += [(start, Fact(NAME, name)) for start, name in names]
    return sorted(found, key=lambda pair: pair[0])


def extract(lines: Sequence[tuple[str, str]]) -> Facts:
    """Facts from (speaker, text) lines, in the order they were said."""
    facts = Facts()
    asked: list[str] = []
    age = 0
    last_kind: str | None = None
    for index, (speaker, text) in enumerate(lines):
        if speaker not in CALLER_SPEAKERS:
            # Agents and the AI read references back ("I see order 4471"); their names
            # and numbers in passing are not the caller's.
            for _, _, kind, ref in pat.references(text):
                facts.add(Fact(kind, ref, index))
            last_kind = _last_kind(text) or last_kind
            kinds = asked_kinds(text)
            if kinds or "?" in text:
                asked, age = kinds, 0
            continue
        found = _caller_turn(text, asked, last_kind)
        for _, fact in found:
            facts.add(Fact(fact.kind, fact.value, index))
        answered = {f.kind for _, f in found} | (
            {k for k in asked if k in REFERENCE_KINDS or k == REFERENCE}
            if any(f.is_reference for _, f in found)
            else set()
        )
        if answered & set(asked):
            facts.answers.add(index)
        age += 1
        asked = [] if age >= ANSWER_WITHIN else [k for k in asked if k not in answered]
    return facts


def extract_text(text: str) -> Facts:
    """Facts from one piece of caller text (no dialogue around it)."""
    return extract([("caller", text)])
