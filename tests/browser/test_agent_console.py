"""An agent at the console: a transfer arrives with its briefing, is accepted and completed."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import Api, Console
from tests.support.tokens import Tokens

TURNS = [
    {"speaker": "ai", "text": "Thanks for calling. Who am I speaking with?"},
    {"speaker": "caller", "text": "This is Dana Reyes, my number is +1 555 010 2030."},
    {"speaker": "caller", "text": "I was charged twice on account AC-991 and I am really upset."},
    {"speaker": "caller", "text": "I want a refund of the second charge today."},
]


def test_bob_gets_a_transfer_with_its_briefing_accepts_and_completes_it(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    bob = open_console(tokens.agent("bob"))
    page = bob.page
    # Signed in from the address; the token left the address bar for sessionStorage only.
    expect(page.get_by_text("Signed in as Bob (agent)")).to_be_visible()
    assert "token" not in page.url
    assert page.evaluate("sessionStorage.getItem('warm-transfer.token')").count(".") == 2
    assert page.evaluate("localStorage.length") == 0
    expect(page.get_by_text("No transfers yet")).to_be_visible()

    sent = api.transfer("c-bob-1", "bob", TURNS, reason="double charge")
    row = page.get_by_role("button", name=re.compile(sent["briefing"]["headline"][:30], re.I))
    expect(row).to_be_visible(timeout=10_000)
    expect(page.locator(".badge.new")).to_have_text("New")
    assert bob.tones() > 0  # the audible cue
    bob.screenshot("inbox")

    row.click()
    card = page.locator("#card")
    briefing = sent["briefing"]
    expect(card.get_by_role("heading", level=2)).to_have_text(briefing["headline"])
    expect(card).to_contain_text(briefing["reason"])
    expect(card).to_contain_text("Dana")
    expect(card).to_contain_text(briefing["customer"]["account"])
    expect(card).to_contain_text(briefing["customer"]["phone"])
    expect(card).to_contain_text(briefing["spoken"])
    for fact in briefing["key_facts"]:
        expect(card).to_contain_text(fact)
    for step in briefing["next_steps"]:
        expect(card).to_contain_text(step)
    expect(card).to_contain_text("Written offline: Groq is not configured")
    expect(card.locator(".wait-text")).to_have_text(re.compile(r"^Waiting \d+:\d\d of 5:00$"))
    expect(card.get_by_role("button", name="Read aloud")).to_be_visible()
    bob.screenshot("briefing-card")
    assert bob.axe() == []

    # A double click does one thing: one accept in the history, no 409.
    card.get_by_role("button", name="Accept", exact=True).dblclick()
    expect(card.locator(".badge").first).to_have_text("Accepted")
    expect(card.locator("#action-result")).to_have_text("You accepted the transfer.")
    after = api.read(sent["transfer_id"])
    assert [h["status"] for h in after["history"]] == ["initiated", "accepted"]
    assert after["history"][-1]["by"] == "bob"

    card.get_by_role("button", name="Complete", exact=True).click()
    expect(card.locator(".badge").first).to_have_text("Completed")
    assert api.read(sent["transfer_id"])["status"] == "completed"
    expect(card.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    bob.assert_no_errors()
