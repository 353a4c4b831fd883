"""Signing in to the console at a real OpenID provider (oidc-provider on 127.0.0.1):
Authorization Code with PKCE from Chromium, the provider's own sign-in page, and the API
taking the provider's tokens only (the shared secret is refused with an issuer)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import jwt
import pytest
from playwright.sync_api import Page, Route, expect

from functions.identity import jwks
from functions.shared.settings import get_settings
from tests.browser.conftest import Api, Console
from tests.support.oidc_issuer import AUDIENCE, CONSOLE_CLIENT_ID, ROLE_CLAIM, Issuer

PROVIDER_NAME = "Test ID"
TURNS = [
    {"speaker": "ai", "text": "Thanks for calling. Who am I speaking with?"},
    {"speaker": "caller", "text": "This is Dana Reyes. I was charged twice on account AC-991."},
]


@pytest.fixture
def provider(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Issuer]:
    """The provider, with the console (at `server`) as a public client, and the API set to
    take its tokens as production does."""
    issuer = Issuer(tmp_path, console=f"{server}/console/").start()
    env = {
        "AUTH_OIDC_ISSUER": issuer.url,
        "AUTH_OIDC_AUDIENCE": AUDIENCE,
        "AUTH_ROLE_CLAIM": ROLE_CLAIM,
        "AUTH_JWT_SECRET": "",  # as serverless.yml sets it with an issuer
        "CONSOLE_OIDC_CLIENT_ID": CONSOLE_CLIENT_ID,
        "CONSOLE_OIDC_RESOURCE": AUDIENCE,
        "CONSOLE_OIDC_PROVIDER_NAME": PROVIDER_NAME,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    jwks.reset()
    yield issuer
    issuer.stop()
    jwks.reset()


def go_to_provider(page: Page, issuer: Issuer) -> None:
    """From the console's sign-in page to the provider's."""
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.wait_for_url(re.compile(re.escape(issuer.url) + "/interaction/"))
    expect(page.get_by_role("heading", name="Sign in to the test provider")).to_be_visible()


def stored_token(page: Page) -> str | None:
    return page.evaluate("sessionStorage.getItem('warm-transfer.token')")


def test_bob_signs_in_at_the_provider_and_accepts_a_transfer(
    open_console: Callable[..., Console], provider: Issuer, server: str
) -> None:
    bob = open_console(None)
    page = bob.page
    go_to_provider(page, provider)
    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill("password-of-bob")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("Signed in as Bob (agent)")).to_be_visible()
    # Back on the console, with neither code nor state left in the address bar.
    assert page.url == f"{server}/console/"
    token = stored_token(page)
    assert token is not None
    claims = jwt.decode(token, options={"verify_signature": False})
    assert (claims["iss"], claims["aud"], claims["sub"]) == (provider.url, AUDIENCE, "bob")
    assert claims[ROLE_CLAIM] == ["staff", "agent"]
    # Nothing of the sign-in under way (verifier, state, nonce) is left, and nothing lasting.
    assert json.loads(page.evaluate("JSON.stringify(Object.keys(sessionStorage))")) == [
        "warm-transfer.token"
    ]
    assert page.evaluate("localStorage.length") == 0
    expect(page.locator("#feed-status")).to_have_text("Live: changes arrive as they happen.")

    # The service (the voice pipeline, with a client-credentials token of the same provider)
    # transfers a call to bob: it arrives live, and he accepts it with his token.
    api = Api(server, provider)
    try:
        sent = api.transfer("c-oidc-1", "bob", TURNS, reason="double charge")
        row = page.locator("#inbox-list .row-open", has_text=sent["briefing"]["headline"])
        expect(row).to_be_visible()
        row.click()
        card = page.locator("#card")
        card.get_by_role("button", name="Accept", exact=True).click()
        expect(card.locator("#action-result")).to_have_text("You accepted the transfer.")
        after = api.read(sent["transfer_id"])
        assert after["status"] == "accepted"
        assert after["history"][-1]["by"] == "bob"
    finally:
        api.client.close()
    assert bob.axe() == []

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}")).to_be_visible()
    assert page.evaluate("sessionStorage.length") == 0
    bob.assert_no_errors()


def test_a_cancelled_sign_in_says_so_and_keeps_no_token(
    open_console: Callable[..., Console], provider: Issuer, server: str
) -> None:
    console = open_console(None)
    page = console.page
    go_to_provider(page, provider)
    page.get_by_role("button", name="Cancel").click()

    expect(page.get_by_role("alert")).to_have_text(
        f"You are not signed in: {PROVIDER_NAME} says the sign-in was cancelled or refused "
        "(access_denied)."
    )
    assert page.url == f"{server}/console/"
    assert page.evaluate("sessionStorage.length") == 0
    # Another try works.
    expect(page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}")).to_be_enabled()
    console.screenshot("sign-in-provider")
    assert console.axe() == []
    console.assert_no_errors()


def test_an_answer_to_another_sign_in_is_refused(
    open_console: Callable[..., Console], provider: Issuer, server: str
) -> None:
    """A link carrying someone else's code (a state this page did not make) signs no one in."""
    console = open_console(None)
    page = console.page
    go_to_provider(page, provider)
    page.goto(f"{server}/console/?code=someone-elses-code&state=forged&iss={provider.url}")

    expect(page.get_by_role("alert")).to_have_text(
        "The sign-in answer does not match the sign-in this page started: sign in again."
    )
    assert page.url == f"{server}/console/"
    assert stored_token(page) is None
    assert page.evaluate("sessionStorage.length") == 0
    console.assert_no_errors()


def test_a_code_the_token_endpoint_refuses_says_so_and_keeps_no_token(
    open_console: Callable[..., Console], provider: Issuer, server: str
) -> None:
    """The provider restarts just before the page exchanges the code (its codes were in
    memory): the token endpoint refuses the code."""
    console = open_console(None)
    page = console.page
    go_to_provider(page, provider)

    def restart_first(route: Route) -> None:
        provider.restart(provider.keys)  # same URL and keys, no codes
        route.continue_()

    page.route(f"{provider.url}/token", restart_first)
    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill("password-of-bob")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_have_text(
        f"{PROVIDER_NAME} did not give a token (grant request is invalid): sign in again."
    )
    assert page.url == f"{server}/console/"
    assert page.evaluate("sessionStorage.length") == 0
    console.assert_no_errors("status of 400 (Bad Request)")
