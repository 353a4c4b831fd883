"""Dialogue-aware extraction of the facts a call states: names, references (account,
order, booking, ... numbers), phones, emails, amounts of money and dates.

A fact is read where it is said: after its keyword in any of the five languages
("order number 4471", "mi pedido es el 4471", "Kundennummer 40917733"), or as the
caller's answer when the agent or AI has just asked for that kind of fact ("What's the
account number?" / "QX-2207."). Every fact is kept, in the order it was said.
Pure text; no SDK.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from functions.text import fact_patterns as pat
from functions.text.languages import (
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
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


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
    _keys: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, fact: Fact) -> None:
        key = _key(fact.kind, fact.value)
        if key in self._keys or (fact.kind == PHONE and (REFERENCE, key[1]) in self._keys):
            return  # said before (a phone whose digits were read as a reference, too)
        if fact.kind == NAME:
            for i, old in enumerate(self.items):
                if old.kind != NAME:
                    continue
                if fact.value.startswith(old.value + " "):
                    self.items[i] = fact  # "Dana", later "Dana Reyes": keep the full name
                    self._keys.add(key)
                    return
                if old.value.startswith(fact.value + " "):
                    return
        self._keys.add(key)
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


class _KindWords:
    """Where a turn names kinds of reference, to ask which one comes before a position
    without rescanning the turn for every id (a long turn holds many)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _KIND_WORD.finditer(text)]
        self.ends = [end for _, end in self.spans]

    def before(self, pos: int, near: int | None = None) -> str | None:
        """The last reference word ending by `pos`; with `near`, only one that starts
        within `near` characters and in the same sentence."""
        i = bisect.bisect_right(self.ends, pos) - 1
        if i < 0:
            return None
        start, end = self.spans[i]
        if near is not None and (pos - start > near or _SENTENCE_END.search(self.text, end, pos)):
            return None
        return REFERENCE_WORDS[self.text[start:end].lower()]


def _caller_turn(text: str, asked: list[str], last_kind: str | None) -> list[tuple[int, Fact]]:
    """Facts in one caller turn, with where each starts, given what was just asked."""
    found: list[tuple[int, Fact]] = []
    taken = bytearray(len(text))  # 1 where a fact was already read
    kinds = _KindWords(text)

    def take(start: int, end: int, kind: str, value: str) -> None:
        taken[start:end] = b"\x01" * (end - start)
        found.append((start, Fact(kind, value)))

    def free(spans: Iterable[pat.Span]) -> Iterable[pat.Span]:
        return (s for s in spans if taken.find(1, s[0], s[1]) < 0)

    for kind, spans in (
        (EMAIL, pat.emails(text, spoken=EMAIL in asked)),
        (AMOUNT, pat.amounts(text)),
        (DATE, pat.dates(text)),
    ):
        for start, end, value in free(spans):
            take(start, end, kind, value)
    for start, end, kind, ref in pat.references(text):
        if taken.find(1, start, end) < 0:
            take(start, end, kind, ref)
    ref_asked = next((k for k in asked if k in REFERENCE_KINDS or k == REFERENCE), None)
    # A bare digit run answers the reference asked for, unless it is said as a phone.
    said_phone = PHONE in asked or _ASK_PHONE.search(text) is not None
    for start, end, value in free(pat.phones(text)):
        near = None if said_phone or value[0] in "+(" else ref_asked or kinds.before(start, NEAR)
        take(start, end, near or PHONE, value.upper() if near else value)
    for start, end, value in free(pat.id_tokens(text, strict=False)):
        # "my account, which is 55-1234": a reference word shortly before, in the sentence.
        near = ref_asked or kinds.before(start, NEAR)
        if near and not _YEAR.match(value):
            take(start, end, near, value)
    for start, end, value in free(pat.id_tokens(text, strict=True)):
        take(start, end, kinds.before(start) or ref_asked or last_kind or REFERENCE, value)
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
