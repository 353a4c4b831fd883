"""What is read aloud: a briefing's `spoken` text kept short enough to say in under 20 s."""

from __future__ import annotations

from functions.domain.models.briefing import SPOKEN_MAX_CHARS, SPOKEN_MAX_WORDS


def cap_spoken(text: str) -> str:
    """A briefing's `spoken` text cut to what is read aloud (words, then characters)."""
    words = text.split()
    if len(words) > SPOKEN_MAX_WORDS:
        text = " ".join(words[:SPOKEN_MAX_WORDS]).rstrip(",;:") + "…"
    if len(text) <= SPOKEN_MAX_CHARS:
        return text
    return text[: SPOKEN_MAX_CHARS - 1].rstrip() + "…"
