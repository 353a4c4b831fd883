"""Routing in the agent's console, in a real Chromium with real sockets: the Available/Away
switch; an offer that opens its briefing at once with Accept, Decline and its countdown; an
offer declined leaves the inbox with the words why; the card prints no stray "null"."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import Api, Console
from tests.browser.test_agent_console import TURNS
from tests.support.tokens import Tokens

LIVE = "Live: changes arrive as they happen."


def _queue(api: Api, tokens: Tokens, name: str, members: list[str]) -> None:
    made = api.call("PUT", f"/queues/{name}", tokens.supervisor(), {"members": members})
    assert made.status_code == 200, made.text


def _queued(api: Api, call_id: str, queue: str) -> dict:
    return api.transfer(call_id, None, TURNS, to_queue=queue)


def test_an_offer_opens_at_once_and_a_decline_moves_it_on(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    _queue(api, tokens, "billing", ["bob"])
    bob = open_console(tokens.agent("bob"))
    page = bob.page
    expect(page.locator("#feed-status")).to_have_text(LIVE)
    expect(page.locator("#presence-status")).to_have_text(re.compile("^Available"))
    expect(page.get_by_role("button", name="Available")).to_have_attribute("aria-pressed", "true")
    sent = _queued(api, "c-offer-1", "billing")
    card = page.locator("#card")
    # No click: the offer's briefing is open, with its answers and how long it stays open.
    expect(card.locator("#card-title")).to_have_text(sent["briefing"]["headline"])
    expect(card.get_by_role("button", name="Accept", exact=True)).to_be_visible()
    expect(card.get_by_role("button", name="Decline", exact=True)).to_be_visible()
    expect(card.locator(".wait-text")).to_have_text(re.compile(r"^Offer ends in 0:[01]\d"))
    assert "null" not in card.inner_text()
    assert bob.tones() > 0
    card.get_by_role("button", name="Decline", exact=True).click()
    expect(page.locator(".offer-ended")).to_contain_text("declined")
    expect(page.locator("#inbox-list .row")).to_have_count(0)
    seen = api.read(sent["transfer_id"])
    assert [(o["agent"], o["outcome"]) for o in seen["offers"]] == [("bob", "declined")]
    bob.assert_no_errors()


def test_away_then_available_brings_the_waiting_offer(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    _queue(api, tokens, "support", ["cat"])
    cat = open_console(tokens.agent("cat"), width=360, height=800)
    page = cat.page
    expect(page.locator("#feed-status")).to_have_text(LIVE)
    page.get_by_role("button", name="Away").click()
    expect(page.locator("#presence-status")).to_have_text(re.compile("^Away"))
    sent = _queued(api, "c-offer-2", "support")
    assert api.read(sent["transfer_id"])["offered_to"] == []
    # With the keyboard alone: back to Available, and the waiting caller is offered.
    page.get_by_role("button", name="Available").focus()
    page.keyboard.press("Enter")
    card = page.locator("#card")
    expect(card.locator("#card-title")).to_have_text(sent["briefing"]["headline"])
    card.get_by_role("button", name="Accept", exact=True).click()
    expect(card.locator(".badge").first).to_have_text("Accepted")
    expect(page.locator("#presence-status")).to_have_text(re.compile("^Busy"))
    assert not cat.scrolls_sideways()
    assert cat.axe() == []
    cat.screenshot("console-offer", "#main")
    cat.assert_no_errors()
