"""The offline summariser: deterministic and extractive, from the caller's own words."""

from __future__ import annotations

import pytest

from functions.domain.models.briefing import SPOKEN_MAX_WORDS
from functions.domain.models.call import Caller, TranscriptLine
from functions.text.offline_briefing import (
    find_names,
    find_phones,
    find_references,
    guess_sentiment,
    stated_reason,
    summarise,
)


def lines(*pairs: tuple[str, str]) -> list[TranscriptLine]:
    return [TranscriptLine(speaker=s, text=t) for s, t in pairs]


CALL = lines(
    ("caller", "Hello?"),
    ("ai", "Hi, this is Sam from support. How can I help?"),
    ("caller", "Hi, my name is Dana Reyes and I was charged twice for order 4471."),
    ("ai", "I'm sorry. What number can we reach you on?"),
    ("caller", "Call me on +1 (415) 555-0100. Account number AC-99812, if you need it."),
    ("caller", "Honestly this is ridiculous. I want a person."),
)


def test_extracts_reason_names_numbers_and_last_turns() -> None:
    b = summarise(CALL, reason="billing dispute", context=None, caller=None)
    assert b.reason == "I was charged twice for order 4471."
    assert b.customer.name == "Dana Reyes"
    assert b.customer.phone == "+1 (415) 555-0100"
    assert b.customer.account == "4471"
    assert "Account number: AC-99812" in b.key_facts
    assert "Transfer reason: billing dispute" in b.key_facts
    # Facts, never transcript lines (issue 29).
    assert not any(f.startswith(("caller:", "ai:", "agent:")) for f in b.key_facts)
    assert b.sentiment == "upset"
    assert "Dana Reyes" in b.spoken and "4471" in b.spoken
    assert len(b.spoken.split()) <= SPOKEN_MAX_WORDS


def test_is_deterministic() -> None:
    one = summarise(CALL, reason=None, context=None, caller=None)
    two = summarise(list(CALL), reason=None, context=None, caller=None)
    assert one == two


def test_caller_record_wins_over_guesses_and_ai_names_are_not_the_caller() -> None:
    b = summarise(CALL, reason=None, context=None, caller=Caller(name="D. Reyes", phone="555"))
    assert (b.customer.name, b.customer.phone) == ("D. Reyes", "555")
    # "this is Sam from support" was said by the AI, not the caller.
    assert all("Sam" not in fact for fact in b.key_facts)


def test_older_clients_free_text_context() -> None:
    b = summarise(
        [],
        reason=None,
        context="Customer John Smith called about order ORD-5521, very angry. Tel 020 7946 0958",
        caller=None,
    )
    assert b.customer.name == "John Smith"
    assert b.customer.account == "ORD-5521"
    assert b.customer.phone == "020 7946 0958"
    assert b.sentiment == "upset"
    assert "ORD-5521" in b.reason


def test_empty_call_still_briefs() -> None:
    b = summarise([], reason=None, context=None, caller=None)
    assert b.reason == "no reason stated"
    assert b.spoken and b.headline
    assert b.sentiment == "neutral"


def test_long_turns_stay_within_the_model_limits() -> None:
    long = lines(("caller", "I need help with my bill. " + "blah " * 2000))
    b = summarise(long, reason="x" * 1000, context="y" * 20000, caller=None)
    assert len(b.spoken.split()) <= SPOKEN_MAX_WORDS + 1
    assert len(b.headline) <= 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my account is locked", []),
        ("account number is AC-99812", [("account", "AC-99812")]),
        ("order #4471 and ticket: T-100", [("order", "4471"), ("ticket", "T-100")]),
        ("my acct no. 55-1234 again acct 55-1234", [("account", "55-1234")]),
        ("booking reference XK93ZZ", [("booking", "XK93ZZ")]),
    ],
)
def test_references(text: str, expected: list[tuple[str, str]]) -> None:
    assert find_references(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me on 415 555 0100", ["415 555 0100"]),
        ("+44 20 7946 0958 or (415) 555-0100", ["+44 20 7946 0958", "(415) 555-0100"]),
        ("it was 2024-01-15 and 12/03/2024", []),
        ("order number 12345678", []),
        ("I paid 49.99 twice", []),
    ],
)
def test_phones(text: str, expected: list[str]) -> None:
    assert find_phones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, I'm Dana. My name is Li Wei", ["Dana", "Li Wei"]),
        ("I'm calling about my bill. This is ridiculous.", []),
        ("I called Customer Service twice", []),
        ("this is Tom Baker here", ["Tom Baker"]),
    ],
)
def test_names(text: str, expected: list[str]) -> None:
    assert find_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you so much, that is great", "positive"),
        ("My parcel is late and the box was broken", "negative"),
        ("This is unacceptable, I am furious", "upset"),
        ("WHERE IS MY REFUND!! It's late!", "upset"),
        ("I'd like to change my address", "neutral"),
    ],
)
def test_sentiment(text: str, expected: str) -> None:
    assert guess_sentiment(text) == expected


def test_stated_reason_skips_greetings_and_introductions() -> None:
    said = ["Hello!", "Hi there, it's Tom.", "The parcel is late again, I need it by Friday."]
    assert stated_reason(said) == "The parcel is late again, I need it by Friday."
    assert stated_reason(["Hi.", "Hello?"]) is None


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("My parcel is late and the box was broken", "The caller is unhappy."),
        ("This is unacceptable, I am furious", "The caller sounds upset."),
        ("I'd like to change my address", None),
    ],
)
def test_the_spoken_briefing_names_the_mood_in_words(text: str, mood: str | None) -> None:
    spoken = summarise(lines(("caller", text)), reason=None, context=None, caller=None).spoken
    assert "negative" not in spoken
    if mood is None:
        assert "caller is unhappy" not in spoken and "sounds upset" not in spoken
    else:
        assert mood in spoken
