"""An agent at the console: a transfer arrives with its briefing, is accepted and completed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Api, Console
from tests.support.tokens import Tokens

TURNS = [
    {"speaker": "ai", "text": "Thanks for calling. Who am I speaking with?"},
    {"speaker": "caller", "text": "This is Dana Reyes, my number is +1 555 010 2030."},
    {"speaker": "caller", "text": "I was charged twice on account AC-991 and I am really upset."},
    {"speaker": "caller", "text": "I want a refund of the second charge today."},
]


def row(page: Page, transfer: dict[str, Any]) -> Locator:
    """The inbox row of `transfer`."""
    return page.locator("#inbox-list .row-open", has_text=transfer["briefing"]["headline"])


def test_bob_gets_a_transfer_with_its_briefing_accepts_and_completes_it(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    bob = open_console(tokens.agent("bob"), width=1100, height=640)
    page = bob.page
    # Signed in from the address; the token left the address bar for sessionStorage only.
    expect(page.get_by_text("Signed in as Bob (agent)")).to_be_visible()
    assert "token" not in page.url
    assert page.evaluate("sessionStorage.getItem('warm-transfer.token')").count(".") == 2
    assert page.evaluate("localStorage.length") == 0
    expect(page.get_by_text("No transfers yet")).to_be_visible()
    expect(page.locator("#feed-status")).to_have_text(
        "Live: changes arrive as they happen.", timeout=15_000
    )

    api.transfer("c-bob-0", "bob", TURNS[:2], reason="address change")
    sent = api.transfer("c-bob-1", "bob", TURNS, reason="double charge")
    arrived = row(page, sent)
    expect(arrived).to_be_visible(timeout=10_000)
    expect(page.locator(".badge.new")).to_have_text(["New", "New"])
    assert bob.tones() > 0  # the audible cue
    bob.screenshot("inbox", docs=True)

    arrived.click()
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
    card.get_by_role("button", name="Read aloud").click()
    assert bob.spoken() == [briefing["spoken"]]
    bob.screenshot("briefing-card", "#card", docs=True)
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


def test_alice_sees_her_transfer_change_live_at_360_px(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    sent = api.transfer("c-alice-1", "alice", TURNS)
    alice = open_console(tokens.agent("alice"), width=360, height=760)
    page = alice.page
    row(page, sent).click()
    card = page.locator("#card")
    expect(card.locator(".badge").first).to_have_text("Waiting")
    expect(card.get_by_role("button", name="Accept", exact=True)).to_be_visible()
    assert not alice.scrolls_sideways()
    assert alice.axe() == []

    # Someone else moves it: her page follows without a reload.
    cancelled = api.call(
        "POST", f"/transfers/{sent['transfer_id']}/cancel", tokens.supervisor("sup-1")
    )
    assert cancelled.status_code == 200, cancelled.text
    expect(card.locator(".badge").first).to_have_text("Cancelled", timeout=10_000)
    expect(card.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    expect(page.locator("#inbox-list .badge")).to_have_text("Cancelled")
    expect(card).to_contain_text("no call to join")
    expect(card.locator(".wait-text")).to_have_text(
        re.compile(r"^Cancelled after \d+:\d\d waiting$")
    )
    alice.screenshot("agent-360")
    assert not alice.scrolls_sideways()
    alice.assert_no_errors()


def test_a_lost_race_is_told_in_plain_words(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    sent = api.transfer("c-race-1", "bob", TURNS)

    def quiet(page: Page) -> None:
        # The push of the change has not reached the page yet: its socket hears nothing.
        page.route_web_socket(re.compile(r"/ws\?token="), lambda ws: None)

    bob = open_console(tokens.agent("bob"), fake_clock=True, before=quiet)
    page = bob.page
    row(page, sent).click()
    card = page.locator("#card")
    expect(card.get_by_role("button", name="Accept", exact=True)).to_be_visible()
    # The (silent) socket opened and the page caught up once, as it does on every open:
    # a catch-up still in flight after the cancel would show it (flaky under load before).
    expect(page.locator("#feed-status")).to_have_text(
        "Live: changes arrive as they happen.", timeout=15_000
    )
    page.wait_for_load_state("networkidle")
    # Nor does the page check again, so it still shows the transfer as waiting...
    # (Playwright for Python takes seconds; Date.now() is milliseconds.)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    cancelled = api.call("POST", f"/transfers/{sent['transfer_id']}/cancel", tokens.supervisor())
    assert cancelled.status_code == 200, cancelled.text
    # ...when Bob clicks Accept: the API answers 409, the page says who came first.
    card.get_by_role("button", name="Accept", exact=True).click()
    expect(card.locator("#action-result")).to_have_text("Sup-1 cancelled it first.")
    expect(card.locator(".badge").first).to_have_text("Cancelled")
    bob.assert_no_errors("status of 409 (Conflict)")


def test_keyboard_only(open_console: Callable[..., Console], api: Api, tokens: Tokens) -> None:
    bob = open_console(tokens.agent("bob"))
    page = bob.page
    sent = api.transfer("c-keys-1", "bob", TURNS)
    headline = sent["briefing"]["headline"]
    expect(row(page, sent)).to_be_visible(timeout=10_000)
    for _ in range(10):
        page.keyboard.press("Tab")
        if headline in page.evaluate("document.activeElement.textContent"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("#card-title")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Accept", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#card .badge").first).to_have_text("Accepted")
    assert api.read(sent["transfer_id"])["status"] == "accepted"
    # Focus stays where the agent was: on the card, ready for the next key.
    assert page.evaluate("document.getElementById('card').contains(document.activeElement)")
    bob.assert_no_errors()


def test_sign_in_by_pasting_a_token(open_console: Callable[..., Console], tokens: Tokens) -> None:
    console = open_console(None)
    page = console.page
    field = page.get_by_label("Token")
    field.fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(re.compile("not a token"))
    console.screenshot("sign-in")
    field.fill(tokens.agent("bob"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as Bob (agent)")).to_be_visible()
    expect(page.get_by_text("No transfers yet")).to_be_visible()
    assert console.axe() == []
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Token")).to_be_visible()
    assert page.evaluate("sessionStorage.length") == 0
    console.assert_no_errors()


def test_a_token_the_api_refuses_signs_out(
    open_console: Callable[..., Console], tokens: Tokens
) -> None:
    forged = Tokens("another-secret-0123456789abcdef0123456789").agent("bob")
    console = open_console(forged)
    expect(console.page.get_by_role("alert")).to_have_text(
        "The server did not accept your token: sign in again."
    )
    assert console.page.evaluate("sessionStorage.getItem('warm-transfer.token')") is None
    console.assert_no_errors("status of 401 (Unauthorized)")


def test_an_expired_sign_in_asks_to_sign_in_again(
    open_console: Callable[..., Console], tokens: Tokens
) -> None:
    console = open_console(tokens.mint("bob", "agent", ttl=120), fake_clock=True)
    page = console.page
    expect(page.get_by_text("Signed in as Bob (agent)")).to_be_visible()
    page.clock.fast_forward("01:50")
    expect(page.get_by_text("Signed in as Bob (agent)")).to_be_visible()
    page.clock.fast_forward("00:15")  # past the token's exp
    expect(page.get_by_role("alert")).to_have_text("Your sign-in has expired: sign in again.")
    assert page.evaluate("sessionStorage.getItem('warm-transfer.token')") is None
    console.assert_no_errors()
