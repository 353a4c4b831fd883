"""The briefing card says what the fact check changed in the LLM's briefing: a briefing
written by "Groq" (the Groq stub over HTTP, with the real AsyncGroq) that invents an account
number and an amount and drops the caller's email."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import Api, Console
from tests.support.groq_stub import VALID_BRIEFING, GroqStub, reply_json
from tests.support.tokens import Tokens

TURNS = [
    {"speaker": "ai", "text": "Thanks for calling. Who am I speaking with?"},
    {"speaker": "caller", "text": "This is Dana Reyes. I was charged twice on account AC-991."},
    {"speaker": "caller", "text": "My email is dana.r@example.com, please write to me there."},
]
# What the LLM answers: an account number and a refund nobody said, and no email.
CARELESS = {
    **VALID_BRIEFING,
    "headline": "Double charge on account 99999",
    "reason": "The caller was charged twice and wants the second charge refunded.",
    "customer": {"name": "Dana Reyes", "phone": None, "account": "AC-991"},
    "key_facts": ["Charged twice on account AC-991", "Promised a refund of $450"],
    "next_steps": ["Refund the second charge"],
    "spoken": "Dana Reyes was charged twice and wants a refund.",
}


def test_the_card_says_what_the_fact_check_removed_and_added(
    open_console: Callable[..., Console],
    api: Api,
    tokens: Tokens,
    groq_env: Callable[..., GroqStub],
) -> None:
    groq_env().queue("chat", reply_json(CARELESS))
    sent = api.transfer("c-fix-1", "bob", TURNS, reason="double charge")
    bob = open_console(tokens.agent("bob"))
    page = bob.page
    page.locator("#inbox-list .row-open", has_text=sent["briefing"]["headline"]).click()
    card = page.locator("#card")
    expect(card.get_by_role("heading", level=2)).to_have_text("Double charge on account")
    fixes = card.get_by_role("region", name="Checked against the call")
    expect(fixes.get_by_role("listitem")).to_have_text(
        [
            "Removed from the AI's briefing: the number 99999 (not in the call; it was in "
            "the headline).",
            "Removed from the AI's briefing: the amount $450 (not in the call; it was in "
            "the key facts).",
            "Added back: the email address dana.r@example.com (said in the call but missing "
            "from the AI's briefing; now in the key facts).",
        ]
    )
    expect(card).to_contain_text("Written by Groq. Briefing in English; the caller spoke English.")
    bob.screenshot("briefing-corrections", "#card")
    assert bob.axe() == []
    bob.assert_no_errors()


def test_a_briefing_nothing_had_to_correct_shows_no_corrections(
    open_console: Callable[..., Console],
    api: Api,
    tokens: Tokens,
    groq_env: Callable[..., GroqStub],
) -> None:
    careful = {**CARELESS, "headline": "Double charge on account AC-991"}
    careful["key_facts"] = ["Charged twice on account AC-991", "Email: dana.r@example.com"]
    groq_env().queue("chat", reply_json(careful))
    sent = api.transfer("c-fix-2", "bob", TURNS, reason="double charge")
    assert sent["briefing_corrections"] == []
    bob = open_console(tokens.agent("bob"))
    page = bob.page
    page.locator("#inbox-list .row-open", has_text=sent["briefing"]["headline"]).click()
    card = page.locator("#card")
    expect(card.get_by_role("heading", level=2)).to_have_text("Double charge on account AC-991")
    expect(card).to_contain_text("Written by Groq.")
    expect(card.get_by_role("region", name="Checked against the call")).to_have_count(0)
    bob.assert_no_errors()
