"""A supervisor at the console on a 360 px phone: open transfers by status, filters, cancel."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Route, expect

from tests.browser.conftest import Api, Console
from tests.browser.test_agent_console import TURNS
from tests.support.tokens import Tokens


def test_supervisor_sees_open_transfers_filters_and_cancels_at_360_px(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    to_bob = api.transfer("c-sup-1", "bob", TURNS, reason="billing dispute")
    to_alice = api.transfer("c-sup-2", "alice", TURNS, reason="lost card")
    took = api.call("POST", f"/transfers/{to_alice['transfer_id']}/accept", tokens.agent("alice"))
    assert took.status_code == 200, took.text

    sup = open_console(tokens.supervisor("sup-1"), width=360, height=760)
    page = sup.page
    expect(page.get_by_text("Signed in as sup-1 (supervisor)")).to_be_visible()
    waiting = page.get_by_role("region", name="Waiting (1)")
    accepted = page.get_by_role("region", name="Accepted (1)")
    expect(waiting).to_contain_text(to_bob["briefing"]["headline"])
    expect(waiting).to_contain_text("To Bob")
    expect(waiting.locator(".wait-text")).to_have_text(re.compile(r"^Waiting \d"))
    expect(accepted).to_contain_text(to_alice["briefing"]["headline"])
    expect(accepted.locator(".wait-text")).to_contain_text("Answered after")
    assert not sup.scrolls_sideways()
    sup.screenshot("supervisor-360")
    assert sup.axe() == []

    # Filters: one agent; then one status.
    page.get_by_label("Agent").fill("bob")
    page.get_by_label("Agent").press("Enter")
    expect(page.get_by_role("region", name="Accepted (0)")).to_be_visible()
    expect(page.get_by_role("region", name="Waiting (1)")).to_be_visible()
    page.get_by_label("Agent").fill("")
    page.get_by_label("Agent").press("Enter")
    page.get_by_label("Status").select_option("accepted")
    expect(page.get_by_role("region", name="Accepted (1)")).to_be_visible()
    expect(page.get_by_role("region", name="Waiting (1)")).to_have_count(0)

    # Cancel from here: the API has it cancelled by the supervisor.
    page.get_by_label("Status").select_option("open")
    waiting = page.get_by_role("region", name="Waiting (1)")
    waiting.get_by_role("button", name="Cancel", exact=True).click()
    expect(page.get_by_role("region", name="Waiting (0)")).to_be_visible()
    after = api.read(to_bob["transfer_id"])
    assert after["status"] == "cancelled"
    assert after["history"][-1]["by"] == "sup-1"
    assert not sup.scrolls_sideways()
    sup.assert_no_errors()


def test_a_slow_answer_to_an_older_filter_does_not_paint_over_the_newer_one(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    """Filter changes overlap: the list for the filter chosen first answers last (held in
    the browser until the newer one has rendered). The page keeps the newer filter's list."""
    to_bob = api.transfer("c-sup-3", "bob", TURNS, reason="billing dispute")
    to_alice = api.transfer("c-sup-4", "alice", TURNS, reason="lost card")
    took = api.call("POST", f"/transfers/{to_alice['transfer_id']}/accept", tokens.agent("alice"))
    assert took.status_code == 200, took.text
    sup = open_console(tokens.supervisor("sup-1"))
    page = sup.page
    expect(page.get_by_role("region", name="Waiting (1)")).to_be_visible()

    held: list[Route] = []

    def hold_initiated(route: Route) -> None:
        held.append(route)  # answered below, after the newer filter has rendered

    page.route(re.compile(r"/transfers\?status=initiated"), hold_initiated)
    page.get_by_label("Status").select_option("initiated")
    page.wait_for_function("() => true")  # the held request is on its way
    page.get_by_label("Status").select_option("accepted")
    accepted = page.get_by_role("region", name="Accepted (1)")
    expect(accepted).to_contain_text(to_alice["briefing"]["headline"])
    # At least the filter change's load is held (a live event or a poll may add another
    # load of the same older filter): all of them answer now, after the newer one.
    assert held
    for route in held:
        route.continue_()
    # The older answer arrives now; the page still shows the filter the person chose last.
    page.wait_for_load_state("networkidle")
    expect(accepted).to_be_visible()
    expect(page.get_by_role("region", name=re.compile(r"^Waiting"))).to_have_count(0)
    assert to_bob["briefing"]["headline"] not in page.locator("main").inner_text()
    sup.assert_no_errors()


def test_a_callback_the_voice_agent_records_shows_to_the_supervisor(
    open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    sup = open_console(tokens.supervisor("sup-1"), width=360, height=760)
    page = sup.page
    expect(page.get_by_role("region", name="Callbacks asked for (0)")).to_be_visible()
    expect(page.locator("#feed-status")).to_have_text(
        "Live: changes arrive as they happen.", timeout=15_000
    )
    made = api.call("POST", "/calls", tokens.service(), {"call_id": "c-cb-1"})
    assert made.status_code == 201, made.text
    body = {"phone": "+1 555 0100", "preferred_time": "tomorrow morning"}
    asked = api.call("POST", "/calls/c-cb-1/callback", tokens.service(), body)
    assert asked.status_code == 200, asked.text
    callbacks = page.get_by_role("region", name="Callbacks asked for (1)")
    expect(callbacks).to_contain_text("Call back +1 555 0100", timeout=10_000)
    expect(callbacks).to_contain_text("tomorrow morning")
    expect(callbacks).to_contain_text("call c-cb-1")
    assert not sup.scrolls_sideways()
    assert sup.axe() == []
    sup.assert_no_errors()
