"""Speech-to-text output made readable before facts are found in it: what a transcript
without smart formatting writes ("four one five five five five zero one three four", "a c
c nine nine eight one two", "two hundred and forty nine dollars", "fatima dot zahra at
example dot org", "um") becomes what a person would write ("4155550134", "ACC99812",
"249 dollars", "fatima.zahra@example.org"), and a value the caller takes back ("five five
one two zero, sorry no, five five two one zero") leaves only the corrected one.

The first step of a transcript's way (normalise -> find facts -> keep and rank -> phrase).
Numbers said as numbers are text2num's (`alpha2digit`, en/es/de/fr/pt); digits said one by
one are text/spoken_digits.py's (text2num keeps them apart: "4 1 5"); the rest (letters
spelled out, spoken emails, fillers, corrections) are small rules here. Idempotent: text
already written normally passes unchanged.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from functions.text.languages import detect_language
from functions.text.spoken_digits import DASH_WORDS, DigitRun, digit_runs

SUPPORTED = ("en", "es", "de", "fr", "pt")
# Sounds, not words: dropped wherever they stand ("um" is Portuguese for one: not there).
_SOUNDS = r"uh+m?|erm+|hmm+|mhm|eh+|äh+m?|öh+m?|euh+|hum+|ehm"
_FILLERS = re.compile(rf"(?<![\w'])(?:um+|{_SOUNDS})(?![\w'])[,.]?\s*", re.IGNORECASE)
_FILLERS_PT = re.compile(rf"(?<![\w'])(?:umm+|{_SOUNDS})(?![\w'])[,.]?\s*", re.IGNORECASE)
# "sorry no", "no wait", "I mean", "perdón", "nein, ich meine", ...: what came before is
# taken back. Longest first, so "sorry, no, I mean" is one marker.
_TAKE_BACK = (
    r"(?:sorry|oops|actually|no)[\s,]+(?:no|wait|sorry|i mean|i meant)(?:[\s,]+i mean)?"
    r"|wait[\s,]+no|i mean|i meant|let me correct that|correction|rather|sorry"
    r"|perd[oó]n[\s,]*(?:no)?[\s,]*(?:quise decir|quiero decir|digo)?|mejor dicho|digo"
    r"|nein[\s,]*(?:warte|ich meine|ich meinte)|ich meine|ich meinte|korrektur"
    r"|pardon[\s,]*(?:non)?[\s,]*(?:je veux dire)?|je veux dire|plutôt"
    r"|desculp[ae][\s,]*(?:não)?[\s,]*(?:quero dizer|quis dizer)?|quer(?:o|ia) dizer"
)
_TAKE_BACK_RE = re.compile(rf"(?<![\w'])(?:{_TAKE_BACK})(?![\w'])[\s,.:]*", re.IGNORECASE)
# A value the caller can take back: digits (with dashes), an id, an email.
_VALUE_BEFORE = re.compile(r"([\w.+-]*\d[\w.+-]*|[\w.+-]+@[\w.-]+)[\s,.]*$")
_VALUE_AFTER = re.compile(r"^\s*(?:it'?s\s+|es\s+|ist\s+|c'est\s+|é\s+)?[\w.+@-]*\d")

_AT = r"(?:at|arroba|arobase|ät|at sign)"
_DOT = r"(?:dot|punto|punkt|point|ponto)"
_UNDERSCORE = r"(?:underscore|guion bajo|unterstrich|tiret bas|sublinhado)"
_DASH = rf"(?:{'|'.join(DASH_WORDS)})"
_TLD = r"(?:com|org|net|edu|gov|io|co|info|biz|de|es|fr|pt|br|uk|mx|ar|it|nl|eu|ch|at)"
_LOCAL = rf"[a-z0-9]+(?:\s+(?:{_DOT}|{_UNDERSCORE}|{_DASH})\s+[a-z0-9]+)*"
_DOMAIN = rf"[a-z0-9]+(?:\s+{_DOT}\s+[a-z0-9]+)*\s+{_DOT}\s+{_TLD}"
_SPOKEN_EMAIL = re.compile(rf"\b({_LOCAL})\s+{_AT}\s+({_DOMAIN})\b", re.IGNORECASE)
# Letters spelled one by one ("a c c", "b as in bravo" is not handled), maybe with digits.
_SPELLED = re.compile(
    rf"(?<![\w'])((?:[a-z](?:\s+|\s*-\s*|\s+{_DASH}\s+)){{2,}}(?:[a-z]|\d+)"
    rf"(?:(?:\s+|\s*-\s*|\s+{_DASH}\s+)(?:[a-z]|\d+))*)(?![\w'])",
    re.IGNORECASE,
)
# English words of one letter, which start no spelled id on their own ("a c" is one).
_ONE_LETTER_WORDS = {"a", "i", "o", "e", "y", "u"}


# Introductions strong enough that the next words are a name; "this is" only at the start
# of what is said ("yeah this is maria ..."), never mid-sentence ("and this is awful").
# Speech-to-text writes names in lower case, which no name rule recognises.
_NAMED = re.compile(
    r"(?:(?<![\w'])(?:my (?:full )?name is|my name's|me llamo|mi nombre es|le habla"
    r"|mein name ist|ich hei(?:ß|ss)e|hier ist|je m'appelle|mon nom est|(?:o )?meu nome é"
    r"|(?:eu )?me chamo|aqui é)\s+"
    r"|^(?:(?:hi|hello|hey|yeah|yes|oh|okay|ok)\s+)*this is\s+)"
    r"([^\W\d_]+(?:\s+[^\W\d_]+){0,2})",
    re.IGNORECASE,
)
# Words a name stops at (and that are no name after "this is").
_NAME_STOPS = frozenset({
    "and", "i", "y", "und", "et", "e", "from", "with", "calling", "here", "speaking", "my",
    "mi", "mein", "je", "eu", "ich", "the", "a", "an", "about", "por", "wegen", "pour",
    "sobre", "o", "ou", "oder", "or", "but", "pero", "aber", "mais", "mas", "i'm", "im",
    "yes", "no", "so", "also", "too", "phoning", "not", "really", "very", "urgent",
    "ridiculous", "terrible", "unacceptable", "awful", "crazy", "it", "that", "what", "why",
    "how", "your", "our", "regarding",
})  # fmt: skip


def _names(text: str) -> str:
    """Up to three words after a strong introduction, capitalised, in a line written all in
    lower case as speech-to-text without formatting writes it ("this is maria gonzalez" ->
    "this is Maria Gonzalez"); a line with capitals was written by something that knows
    names already."""
    if text != text.lower():
        return text

    def capitalise(m: re.Match[str]) -> str:
        words = m.group(1).split()
        n = next((i for i, w in enumerate(words) if w.lower() in _NAME_STOPS), len(words))
        if n == 0:
            return m.group(0)
        intro = m.group(0)[: m.start(1) - m.start(0)]
        return intro + " ".join([*(w.capitalize() for w in words[:n]), *words[n:]])

    return _NAMED.sub(capitalise, text)


def _emails(text: str) -> str:
    def join(m: re.Match[str]) -> str:
        local = re.sub(rf"\s+{_DOT}\s+", ".", m.group(1), flags=re.IGNORECASE)
        local = re.sub(rf"\s+{_UNDERSCORE}\s+", "_", local, flags=re.IGNORECASE)
        local = re.sub(rf"\s+{_DASH}\s+", "-", local, flags=re.IGNORECASE)
        domain = re.sub(rf"\s+{_DOT}\s+", ".", m.group(2), flags=re.IGNORECASE)
        return f"{local}@{domain}".lower()

    return _SPOKEN_EMAIL.sub(join, text)


def _said(text: str, run: DigitRun) -> bool:
    """A run that was said, not written: a digit word in it, or single digits apart only by
    spaces ("4 1 5", as text2num leaves digits said one by one). Numbers written with
    dashes, commas or in groups ("2210-77", "59,90", "415 555 0100") stay as written."""
    if any(not g.digits.isdigit() or not text[g.start : g.end].isdigit() for g in run.groups):
        return True
    if len(run.groups) < 3 or any(len(g.digits) != 1 for g in run.groups):
        return False
    gaps = [text[a.end : b.start] for a, b in zip(run.groups, run.groups[1:], strict=False)]
    return all(gap.isspace() for gap in gaps)


def _digits(text: str) -> str:
    """Digits said one by one (three or more) written together."""
    out, at = [], 0
    for run in digit_runs(text, min_digits=3):
        if _said(text, run):
            out += [text[at : run.start], run.digits]
            at = run.end
    return "".join([*out, text[at:]])


# One letter, a dash said, then digits: "k dash 40917" -> "K-40917".
_LETTER_DASH = re.compile(rf"(?<![\w'])([a-z])\s+{_DASH}\s+(\d+)(?![\w'])", re.IGNORECASE)


def _spelled(text: str) -> str:
    """Letters (and digits) spelled one by one as one id: "a c c 99812" -> "ACC99812"."""

    def join(m: re.Match[str]) -> str:
        parts = re.split(rf"\s*-\s*|\s+{_DASH}\s+|\s+", m.group(1), flags=re.IGNORECASE)
        letters = [p for p in parts if p.isalpha()]
        if len(letters) < 2 or all(p.lower() in _ONE_LETTER_WORDS for p in letters):
            return m.group(0)
        dashed = re.search(rf"-|\b{_DASH}\b", m.group(1), re.IGNORECASE)
        glue = "-" if dashed else ""
        # A dash said between letters and digits stays one dash: "ACC-99812".
        joined = ""
        for p in parts:
            if joined and glue and (joined[-1].isalpha() != p[0].isalpha()):
                joined += glue
            joined += p.upper()
        return joined

    text = _SPELLED.sub(join, text)
    return _LETTER_DASH.sub(lambda m: f"{m.group(1).upper()}-{m.group(2)}", text)


def _numbers(text: str, language: str) -> str:
    """Numbers said as numbers ("two hundred and forty nine") written as numerals."""
    if language not in SUPPORTED:
        return text
    out = alpha2digit(text, language)
    # "a hundred and twenty" -> "a 120": the article was part of the number.
    return re.sub(r"(?<![\w'])(?:a|one) (\d{3,})", r"\1", out)


def _take_backs(text: str) -> str:
    """A value followed by a take-back and another value: only the second stays."""
    while True:
        for marker in _TAKE_BACK_RE.finditer(text):
            before = _VALUE_BEFORE.search(text[: marker.start()])
            if before is None or not _VALUE_AFTER.match(text[marker.end() :]):
                continue
            text = text[: before.start()] + text[marker.end() :]
            break
        else:
            return text


def normalise(text: str, language: str = "en") -> str:
    """`text` as a person would write it (see the module's docstring)."""
    language = language.split("-")[0].lower()
    said = (_FILLERS_PT if language == "pt" else _FILLERS).sub("", text)
    said = _digits(said)
    said = _numbers(said, language)
    said = _digits(said)  # "4 1 5" from text2num's numbers said one by one
    said = _emails(said)
    said = _spelled(said)
    said = _take_backs(said)
    said = _names(said)
    return re.sub(r"\s{2,}", " ", said).strip()


def normalise_lines(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every line of a transcript normalised in the language its callers speak (detected
    once for the whole call: a line alone is often too short to tell)."""
    said = " ".join(text for _, text in lines)
    language = detect_language(said)
    language = language if language in SUPPORTED else "en"
    return [(speaker, normalise(text, language)) for speaker, text in lines]
