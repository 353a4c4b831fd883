"""Redaction: card numbers, their security codes and expiry dates, IBANs and national ids
replaced before anything is stored, sent to Groq, logged, pushed or delivered.

Each detector finds candidates by shape and keeps only those whose check digits hold
(python-stdnum: Luhn, IBAN's mod 97, the national ids' own rules), so an order number of
16 digits that fails Luhn, a phone number or an amount stays. A card read out digit by
digit is found through text/spoken_digits.py. Account, order and case references are
never redacted unless a customer's own pattern (REDACT_PATTERNS) says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from stdnum import iban, luhn
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.us import ssn

from functions.text.spoken_digits import digit_runs

KINDS = ("card", "cvv", "iban", "national_id")
CARD_DIGITS = range(13, 20)
# A payment card's first digit (ISO/IEC 7812's industry: 2-6 are banking and payment; 0 and
# 1 never are), which keeps "0044 7911 123456" a phone number even when Luhn holds by chance.
ISSUERS = "23456"
MASK = "••••"


@dataclass(frozen=True)
class Redacted:
    text: str
    kinds: tuple[str, ...]  # what was redacted, each kind once, in KINDS' order then custom


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    replacement: str


# ---- cards ----------------------------------------------------------------------------


def _cards(text: str) -> list[_Hit]:
    """Luhn-valid 13-19 digit numbers, written or spoken, aligned to what was said: the
    longest window of a run's groups that is a card (a code said right after the number
    is not swallowed)."""
    hits: list[_Hit] = []
    for run in digit_runs(text, min_digits=min(CARD_DIGITS)):
        groups = run.groups
        i = 0
        while i < len(groups):
            found = None
            for j in range(len(groups), i, -1):
                digits = "".join(g.digits for g in groups[i:j])
                if len(digits) in CARD_DIGITS and digits[0] in ISSUERS and luhn.is_valid(digits):
                    found = (j, digits)
                    break
            if found is None:
                i += 1
                continue
            j, digits = found
            hits.append(
                _Hit(groups[i].start, groups[j - 1].end, "card", f"[card {MASK} {digits[-4:]}]")
            )
            i = j
    return hits


# A card's security code and expiry: only in a card's context (a word that names them, or
# right beside a card number), so "123" in "flat 123" stays.
_CVV_WORDS = (
    r"cvv2?|cvc2?|cv2|security code|card verification|verification code|"
    r"(?:code|digits|number) on the back|c[oó]digo de seguridad|sicherheitscode|"
    r"prüfziffer|prüfnummer|"
    r"code de s[ée]curit[ée]|cryptogramme|c[oó]digo de seguran[cç]a"
)
_EXPIRY_WORDS = (
    r"expir\w*|exp|valid (?:until|thru|through)|caduca\w*|vence\w*|vencimiento|"
    r"gültig bis|ablauf\w*|date d'expiration|validade"
)
_NEAR = 40  # characters between the word and the value


def _codes(text: str, cards: list[_Hit]) -> list[_Hit]:
    hits: list[_Hit] = []
    for word in re.finditer(rf"\b(?:{_CVV_WORDS})\b", text, re.IGNORECASE):
        for run in digit_runs(text[: word.end() + _NEAR], min_digits=3):
            if run.start >= word.end() and len(run.digits) in (3, 4):
                hits.append(_Hit(run.start, run.end, "cvv", "[cvv]"))
                break
    # "4111 1111 1111 1111, 737" or "..., 08/29, 737": a code said right after the card
    # (and its expiry).
    for card in cards:
        after = card.end
        expiry = re.match(rf"[\s,;]*(?:exp\w*\W*)?{_MM_YY}\b", text[after:])
        if expiry:
            after += expiry.end()
        code = re.match(r"[\s,;]*(?:(?:and|cvv|code)\W+)?", text[after:])
        at = after + (code.end() if code else 0)
        for run in digit_runs(text[at : at + 40], min_digits=3):
            if run.start == 0 and len(run.digits) in (3, 4):
                hits.append(_Hit(at + run.start, at + run.end, "cvv", "[cvv]"))
            break
    return hits


_MONTH = (
    r"(?:jan|feb|m[aä]r|apr|ma[yi]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|ene|abr|ago|dic|"
    r"janv|f[ée]v|avr|mai|juin|juil|ao[uû]t|d[ée]c|fev|out)\w*\.?"
)
_MM_YY = rf"(?:(?:0?[1-9]|1[0-2])\s*(?:/|-|\s)\s*|{_MONTH}\s+(?:de\s+)?)(?:20)?\d{{2}}"


_CARD_WORDS = re.compile(r"\b(?:card|tarjeta|karte|kreditkarte|carte|cart[aã]o)\b", re.IGNORECASE)


def _expiries(text: str, cards: list[_Hit]) -> list[_Hit]:
    if not cards and not _CARD_WORDS.search(text):
        return []  # "my subscription expires 12/26" is no card's expiry
    hits = [
        _Hit(m.start(1), m.end(1), "cvv", "[card expiry]")
        for m in re.finditer(
            rf"\b(?:{_EXPIRY_WORDS})\b\W{{0,12}}?(?:\w+\W+){{0,2}}?({_MM_YY})\b",
            text,
            re.IGNORECASE,
        )
    ]
    for card in cards:
        near = re.match(rf"[\s,;]*(?:exp\w*\W*)?({_MM_YY})\b", text[card.end :])
        if near:
            start = card.end + near.start(1)
            hits.append(_Hit(start, card.end + near.end(1), "cvv", "[card expiry]"))
    return hits


# ---- IBANs and national ids -------------------------------------------------------------


def _ibans(text: str) -> list[_Hit]:
    hits = []
    for m in re.finditer(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b", text):
        # The longest prefix of whole groups that is a valid IBAN (a word may follow).
        shape = m.group()
        while shape:
            compact = shape.replace(" ", "").upper()
            if len(compact) >= 15 and iban.is_valid(compact):
                label = f"[iban {compact[:2]} {MASK} {compact[-4:]}]"
                hits.append(_Hit(m.start(), m.start() + len(shape), "iban", label))
                break
            shape = shape.rsplit(" ", 1)[0] if " " in shape else ""
    return hits


# UK National Insurance numbers carry no check digit: their rules are the letters HMRC
# never issues (https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110).
_NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)

# One row per country: (label, shape, check). Adding a country is one row.
NATIONAL_IDS: tuple[tuple[str, re.Pattern[str], Callable[[str], bool]], ...] = (
    ("US", re.compile(r"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b"), ssn.is_valid),
    ("GB", _NINO, lambda _: True),
    ("ES", re.compile(r"\b\d{8}[- ]?[A-Z]\b", re.IGNORECASE), dni.is_valid),
    ("ES", re.compile(r"\b[XYZ][- ]?\d{7}[- ]?[A-Z]\b", re.IGNORECASE), nie.is_valid),
    ("DE", re.compile(r"\b\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}\b"), idnr.is_valid),
)
# A US SSN is nine digits any other number can have: only where it is named.
_SSN_WORDS = re.compile(r"\b(?:ssn|social security|social)\b", re.IGNORECASE)


def _national_ids(text: str) -> list[_Hit]:
    hits = []
    for country, shape, check in NATIONAL_IDS:
        for m in shape.finditer(text):
            value = re.sub(r"[\s-]", "", m.group()).upper()
            if country == "US" and not _SSN_WORDS.search(text[max(0, m.start() - 60) : m.start()]):
                continue
            if check(value):
                hits.append(_Hit(m.start(), m.end(), "national_id", f"[national id {country}]"))
    return hits


# ---- the whole ----------------------------------------------------------------------------


def enabled(setting: str) -> frozenset[str]:
    """REDACT: the built-in detectors on, comma-separated ('' for none)."""
    kinds = {k.strip() for k in setting.split(",") if k.strip()}
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(f"unknown REDACT kinds: {sorted(unknown)} (known: {list(KINDS)})")
    return frozenset(kinds)


def redact(
    text: str,
    kinds: Iterable[str] = KINDS,
    patterns: Mapping[str, re.Pattern[str]] | None = None,
) -> Redacted:
    """`text` with every enabled kind replaced; `patterns`: a customer's own, by name."""
    on = set(kinds)
    hits: list[_Hit] = []
    cards = _cards(text) if {"card", "cvv"} & on else []
    if "card" in on:
        hits += cards
    if "cvv" in on:
        hits += _codes(text, cards) + _expiries(text, cards)
    if "iban" in on:
        hits += _ibans(text)
    if "national_id" in on:
        hits += _national_ids(text)
    for name, pattern in (patterns or {}).items():
        hits += [_Hit(m.start(), m.end(), name, f"[{name}]") for m in pattern.finditer(text)]
    if not hits:
        return Redacted(text, ())
    # Earliest first, the longest where two start together; a hit inside a kept one goes.
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out, at, found = [], 0, []
    for hit in hits:
        if hit.start < at:
            continue
        out += [text[at : hit.start], hit.replacement]
        at = hit.end
        found.append(hit.kind)
    out.append(text[at:])
    order = [*KINDS, *(patterns or {})]
    return Redacted("".join(out), tuple(k for k in order if k in found))
