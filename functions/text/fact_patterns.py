"""The shapes of facts in one piece of text: references, ids, phones, emails, money, dates,
names. Each finder returns (start, end, value) spans so a caller can tell which text is
already taken. Pure text, no SDK; the cue words come from `languages`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from functions.text.languages import (
    CONNECTORS,
    FILLER,
    INTRODUCTIONS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAMES,
    NUMBER_WORDS,
    REFERENCE_WORDS,
)

Span = tuple[int, int, str]


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so "kundennummer" wins over "kunden".
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


_KIND = _alternatives(REFERENCE_WORDS)
KIND_WORD = re.compile(rf"(?<![\w-])(?:{_KIND})(?![^\W\d_])", re.IGNORECASE)
_ID = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*"
# A reference word, then "number" (any language), filler ("is", "es el", ":"), then an id
# that holds a digit ("my account is locked" finds nothing).
REFERENCE = re.compile(
    rf"(?<![\w-])(?P<kind>{_KIND})s?(?![^\W\d_])"
    # Possessive repeats: a long run of spaces is walked once, never split every way.
    rf"(?:\s++(?:{_alternatives(NUMBER_WORDS)}))?"
    rf"(?:\s*+[:#]|\s++(?:{_alternatives(CONNECTORS)})(?![^\W\d_]))*+\s*+#?\s*+"
    rf"(?=[A-Za-z-]*\d)(?P<id>{_ID}(?:\s\d{{2,}}(?![\w-]))*)",
    re.IGNORECASE,
)
# Any id-looking token: letters and digits with dashes, or a `#` prefix.
TOKEN = re.compile(r"(?<![\w@.#-])(#?)([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?![\w@-]|\.\w)")
# "3rd", "10am", "5kg", "4G": a number with a short unit or ordinal is not an id.
_UNIT = re.compile(r"^\d+[A-Za-z]{1,3}$|^[A-Za-z]\d$")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?!\w)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "dana dot reyes at example dot com", read when the agent asked for an email.
_DOT = r"\s+(?:dot|punto|punkt|point|ponto)\s+"
# Bounded repeats and possessive words: linear on long turns (no catastrophic backtracking).
SPOKEN_EMAIL = re.compile(
    rf"(?<![\w+-])([\w+-]++(?:{_DOT}[\w+-]++){{0,4}})\s+(?:at|arroba|ät|arobase)\s+"
    rf"([\w-]++(?:{_DOT}[\w-]++){{1,4}})\b",
    re.IGNORECASE,
)
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SYMBOL = r"(?:US\$|R\$|C\$|A\$|[$€£¥])"
_CODE = r"(?:USD|EUR|GBP|CHF|CAD|AUD|MXN|BRL|JPY|ARS|COP)"
_MONEY_WORD = (
    r"(?:dollars?|dólares|dolares|bucks|euros?|pounds?|quid|pesos?|reais|reales|francs?"
    r"|franken|libras?|cents?|céntimos|centavos)"
)
AMOUNT = re.compile(
    rf"{_SYMBOL}\s?(?:{_NUM})|\b{_CODE}\s?(?:{_NUM})(?!\d)"
    rf"|(?<![\w.,])(?:{_NUM})\s?(?:{_SYMBOL}|{_CODE}\b|{_MONEY_WORD}\b)",
    re.IGNORECASE,
)
_MONTHS = str.split(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre januar februar märz april mai juni juli august oktober dezember janvier "
    "février mars avril juin juillet août septembre octobre novembre décembre janeiro "
    "fevereiro março maio junho julho setembro outubro dezembro"
)
_MONTH = rf"(?:{_alternatives(_MONTHS)})\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"  # 1 to 31: a day, or a month
DATE = re.compile(
    # Numeric: ISO, day/month[/year], or day.month.year ("49.99" is money, not a date).
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b{_DAY}/{_DAY}(?:/\d{{2,4}})?\b|\b{_DAY}\.{_DAY}\.\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|\.|º|er)?\s+(?:of\s+|de\s+)?{_MONTH}(?:\s+(?:de\s+)?\d{{4}})?(?!\w)"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
# Portuguese and Spanish may put an article before a name ("aqui é a Mariana").
_INTRO = re.compile(
    rf"(?<![\w'\u2019])(?:{_alternatives(INTRODUCTIONS)})[\s:,]+(?:(?-i:o|a|el|la)\s+)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


# A sentence ends at . ! ? followed by a space (so "$84.50" and "No. 5" stay whole).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def alnum(value: str) -> str:
    """An id compared without case, spaces, dashes or `#`."""
    return re.sub(r"[\W_]", "", value).upper()


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def is_date(value: str) -> bool:
    return bool(_DATE_ONLY.match(value.strip()))


def references(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, id) for each "<reference word> ... <id>" in the text."""
    for m in REFERENCE.finditer(text):
        ref = m.group("id")
        if len(alnum(ref)) >= 3 and not is_date(ref) and not _UNIT.match(ref):
            kind = REFERENCE_WORDS[m.group("kind").lower()]
            if kind == "reference":
                # "a booking, reference BK-88412": the word before says which reference.
                near = [
                    REFERENCE_WORDS[w.group(0).lower()]
                    for w in KIND_WORD.finditer(text, max(m.start() - 24, 0), m.start())
                ]
                kind = near[-1] if near else kind
            yield m.start("id"), m.end("id"), kind, ref.upper()


def id_tokens(text: str, *, strict: bool) -> Iterator[Span]:
    """Tokens holding a digit. strict: only id-shaped ones (letters and at least two digits,
    or a `#` prefix); otherwise any such token of three or more characters (an answer)."""
    for m in TOKEN.finditer(text):
        hashed, token = m.group(1), m.group(2)
        n_digits = sum(c.isdigit() for c in token)
        if not n_digits or is_date(token) or _UNIT.match(token) or len(alnum(token)) < 3:
            continue
        if strict and not (hashed or (n_digits >= 2 and any(c.isalpha() for c in token))):
            continue
        yield m.start(2), m.end(), token.upper()


def phones(text: str) -> Iterator[Span]:
    """Phone-shaped runs of 7 to 15 digits that are not dates."""
    for m in PHONE.finditer(text):
        raw = m.group(0).strip(" .-")
        if 7 <= len(digits(raw)) <= 15 and not is_date(raw):
            start = m.start() + m.group(0).index(raw)
            yield start, start + len(raw), raw


def emails(text: str, *, spoken: bool = False) -> Iterator[Span]:
    for m in EMAIL.finditer(text):
        yield m.start(), m.end(), m.group(0).rstrip(".").lower()
    if spoken:
        for m in SPOKEN_EMAIL.finditer(text):
            local, domain = (re.sub(_DOT, ".", g, flags=re.I) for g in m.groups())
            yield m.start(), m.end(), f"{local}@{domain}".lower()


def amounts(text: str) -> Iterator[Span]:
    for m in AMOUNT.finditer(text):
        yield m.start(), m.end(), m.group(0).strip()


def dates(text: str) -> Iterator[Span]:
    for m in DATE.finditer(text):
        value = m.group(0).strip().rstrip(".")
        yield m.start(), m.start() + len(value), value


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and word not in NOT_NAMES


def name_at(text: str, pos: int) -> str | None:
    """The name that starts at `pos`: capitalised words with particles between them
    ("Anna van Dijk", "Seán O'Brien", "María de la Cruz"), at most five words."""
    parts: list[str] = []
    pending: list[str] = []  # particles waiting for a capitalised word
    while len(parts) + len(pending) < 5:
        m = _WORD.match(text, pos)
        if m is None:
            break
        word = m.group(0)
        if _is_name_word(word):
            parts += [*pending, word]
            pending = []
        elif parts and word in NAME_PARTICLES:
            pending.append(word)
        else:
            break
        gap = re.match(r"[ \t]+", text[m.end() :])
        if gap is None:
            break
        pos = m.end() + gap.end()
    return " ".join(parts) or None


def introduced_names(text: str) -> Iterator[tuple[int, str]]:
    """Names said right after an introduction ("my name is", "me llamo", "ich heiße")."""
    for m in _INTRO.finditer(text):
        name = name_at(text, m.end())
        if name:
            yield m.start(), name


_SUFFIX = re.compile(rf"[ \t]+(?:{_alternatives(NAME_SUFFIXES)})\b", re.IGNORECASE)


def suffixed_names(text: str) -> Iterator[tuple[int, str]]:
    """Names said before "here" or "speaking" ("Hi, Irene Walsh here.")."""
    end = 0
    for m in _WORD.finditer(text):
        if m.start() < end or not _is_name_word(m.group(0)):
            continue
        if name := name_at(text, m.start()):
            end = m.start() + len(name)
            if _SUFFIX.match(text, end):
                yield m.start(), name


def plain_name(text: str) -> str | None:
    """A full name answered in lower case, as speech-to-text may write it ("sure, irene
    walsh"): two to four plain words once leading filler ("sure", "it's") is dropped."""
    said = [w.strip(".,!?;:") for w in text.lower().split()]
    while said and said[0] in FILLER:
        said.pop(0)
    plain = all(w.isalpha() and w not in FILLER for w in said if w not in NAME_PARTICLES)
    if 2 <= len(said) <= 4 and plain and said[0] not in NAME_PARTICLES:
        return " ".join(w if w in NAME_PARTICLES else w.capitalize() for w in said)
    return None


def longest_name(text: str) -> str | None:
    """The longest name anywhere in an answer ("Irene Walsh." / "Sure, it's Anna van Dijk")."""
    best: str | None = None
    for m in _WORD.finditer(text):
        if _is_name_word(m.group(0)):
            name = name_at(text, m.start())
            if name and (best is None or len(name.split()) > len(best.split())):
                best = name
    return best
