"""The call from the console: joining LiveKit rooms (the LiveKit stub answers RoomService;
it is not a media server, so the connection itself fails and the page says so)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import Api, Console
from tests.browser.test_agent_console import TURNS, row
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name

# Counts the page's requests for the microphone.
COUNT_MIC = """
window.__mic = 0;
const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = (...args) => { window.__mic += 1; return ask(...args); };
"""


def test_join_asks_for_a_token_only_when_clicked(
    livekit: LiveKitStub, open_console: Callable[..., Console], api: Api, tokens: Tokens
) -> None:
    sent = api.transfer("c-call-1", "bob", TURNS, caller_room="call-room-1")
    assert sent["consult_room"]
    bob = open_console(None)
    page = bob.page
    page.add_init_script(COUNT_MIC)
    page.goto(page.url + f"#token={tokens.agent('bob')}")
    page.reload()
    row(page, sent).click()
    consult = page.get_by_role("button", name="Join consult room", exact=True)
    expect(consult).to_be_enabled()
    # The caller's room opens to the receiving agent once it has accepted.
    expect(page.get_by_role("button", name="Join caller: accept first")).to_be_disabled()
    assert page.evaluate("window.__mic") == 0

    with page.expect_response(re.compile(r"/token$")) as answer:
        consult.click()
    granted = answer.value.json()
    assert answer.value.status == 200
    assert granted["room"] == sent["consult_room"] and granted["identity"] == "bob"
    expect(page.locator(".call-note")).to_have_text(re.compile("^Could not join the call"))
    # The stub is no media server: the browser logs the failed signalling requests.
    signalling = livekit.url.replace("http://", "ws://", 1)
    bob.assert_no_errors(
        f"WebSocket connection to '{signalling}/rtc",
        f"{livekit.url}/rtc/v1/validate",
        "net::ERR_FAILED",
    )
