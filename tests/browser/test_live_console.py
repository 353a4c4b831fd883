"""The console live: transfers pushed over the WebSocket (/ws?token=), and the fallback to
polling, with reconnection, when the socket drops."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.conftest import Api, Console
from tests.browser.test_agent_console import TURNS, row
from tests.support.tokens import Tokens

LIVE = "Live: changes arrive as they happen."


def test_a_new_transfer_is_pushed_not_polled(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    bob = open_console(tokens.agent("bob"))
    page = bob.page
    expect(page.locator("#feed-status")).to_have_text(LIVE, timeout=15_000)
    reads: list[str] = []
    page.on("request", lambda r: reads.append(r.url) if "/transfers" in r.url else None)
    sent = api.transfer("c-live-1", "bob", TURNS, reason="double charge")
    expect(row(page, sent)).to_be_visible(timeout=10_000)
    expect(row(page, sent)).to_contain_text("New")
    assert reads == []  # it came over the socket: the page read no list
    assert bob.tones() > 0
    bob.assert_no_errors()


def test_alice_sees_the_transfer_she_sent_accepted(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    alice = open_console(tokens.agent("alice"))
    page = alice.page
    expect(page.locator("#feed-status")).to_have_text(LIVE, timeout=15_000)
    sent = api.transfer("c-live-2", "bob", TURNS, from_agent="alice", reason="billing")
    mine = row(page, sent)
    expect(mine).to_contain_text("Sent to Bob", timeout=10_000)
    mine.click()
    card = page.locator("#card")
    expect(card.locator(".badge").first).to_have_text("Waiting")
    # Only the receiving agent accepts; the sender may cancel.
    expect(card.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    expect(card.get_by_role("button", name="Cancel", exact=True)).to_be_visible()

    took = api.call("POST", f"/transfers/{sent['transfer_id']}/accept", tokens.agent("bob"))
    assert took.status_code == 200, took.text
    expect(card.locator(".badge").first).to_have_text("Accepted", timeout=10_000)
    expect(card.locator(".wait-text")).to_have_text(re.compile(r"^Answered after "))
    alice.assert_no_errors()


def test_a_dropped_socket_falls_back_to_polling_then_reconnects(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    sockets: list[WebSocketRoute] = []

    def through(ws: WebSocketRoute) -> None:
        ws.connect_to_server()  # the real /ws behind; the test can cut the page's side
        sockets.append(ws)

    def watch(page: Page) -> None:
        page.route_web_socket(re.compile(r"/ws\?token="), through)

    bob = open_console(tokens.agent("bob"), before=watch)
    page = bob.page
    status = page.locator("#feed-status")
    expect(status).to_have_text(LIVE, timeout=15_000)
    sockets[-1].close()
    expect(status).to_contain_text("Live updates down: checking every 3 s; reconnecting in")
    # While it is down, a new transfer still arrives (by polling GET /transfers)...
    sent = api.transfer("c-live-3", "bob", TURNS, reason="address change")
    expect(row(page, sent)).to_be_visible(timeout=10_000)
    # ...and the page reconnects on its own.
    expect(status).to_have_text(LIVE, timeout=15_000)
    assert len(sockets) >= 2
    bob.assert_no_errors()
