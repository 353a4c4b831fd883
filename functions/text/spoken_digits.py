"""Digits said one by one, as speech-to-text without smart formatting writes them: "four
one one one", "oh", "double five", "triple seven", numerals mixed in ("4 1 one 1"), in
English, Spanish, German, French and Portuguese.

`digit_runs` finds them with their place in the text, so a caller of this (redaction, the
briefing's normaliser) can replace exactly what was said. Digit words are a closed set of
ten per language, so a table serves; numbers said as numbers ("two hundred") are
text2num's work, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS: dict[str, str] = {}
for _digit, _words in enumerate(
    [
        "zero oh cero null zéro",
        "one uno una eins ein un une um uma",
        "two dos zwei zwo deux dois duas",
        "three tres drei trois três",
        "four cuatro vier quatre quatro",
        "five cinco fünf fuenf cinq",
        "six seis sechs meia",
        "seven siete sieben sept sete",
        "eight ocho acht huit oito",
        "nine nueve neun neuf nove",
    ]
):
    _DIGITS |= dict.fromkeys(_words.split(), str(_digit))
# "double five" is 55: said before a digit, these repeat it.
_REPEATS = {"double": 2, "triple": 3, "doble": 2, "doppel": 2}
# Between the digits of one run: spaces, and dashes said or written.
# A dash said between the parts of one number or id, in the five languages.
DASH_WORDS = ("dash", "hyphen", "guion", "guión", "bindestrich", "tiret", "traço", "hífen")
_JOINERS = {*DASH_WORDS, "-"}
_GAPS = " \t\n,"  # a speech-to-text comma between groups of one number
_TOKEN = re.compile(r"[^\W_]+|-", re.UNICODE)
# An "oh" is zero only inside a run (never alone: "oh, I see").
_ONLY_INSIDE = {"oh"}


@dataclass(frozen=True)
class Group:
    """One token of a run: text[start:end] says `digits` (a word, a numeral, "double 5")."""

    start: int
    end: int
    digits: str


@dataclass(frozen=True)
class DigitRun:
    """Digits said one after another: text[start:end] says `digits`, token by token."""

    groups: tuple[Group, ...]

    @property
    def start(self) -> int:
        return self.groups[0].start

    @property
    def end(self) -> int:
        return self.groups[-1].end

    @property
    def digits(self) -> str:
        return "".join(g.digits for g in self.groups)


def _value(word: str) -> str | None:
    if word.isdigit():
        return word
    return _DIGITS.get(word.lower())


def digit_runs(text: str, *, min_digits: int = 2) -> list[DigitRun]:
    """Every run of at least `min_digits` digits said or written one group at a time,
    separated only by spaces, commas or dashes ("12/27" is two runs: the slash ends one)."""
    runs: list[DigitRun] = []
    groups: list[Group] = []
    repeat, repeat_at, last_end = 1, -1, 0

    def close() -> None:
        nonlocal groups, repeat
        if sum(len(g.digits) for g in groups) >= min_digits:
            runs.append(DigitRun(tuple(groups)))
        groups, repeat = [], 1

    for match in _TOKEN.finditer(text):
        word = match.group().lower()
        if text[last_end : match.start()].strip(_GAPS):
            close()  # punctuation other than a dash or comma between them: not one run
        last_end = match.end()
        value = _value(word)
        if value is not None and word in _ONLY_INSIDE and not groups:
            value = None
        if value is not None:
            at = repeat_at if repeat > 1 else match.start()
            groups.append(Group(at, match.end(), value * repeat))
            repeat = 1
        elif word in _REPEATS:
            repeat, repeat_at = _REPEATS[word], match.start()
        elif not (groups and word in _JOINERS):
            close()
    close()
    return runs
