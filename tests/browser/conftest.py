"""The agent console in a real Chromium: Debian's `chromium` driven by Playwright for Python
(never a downloaded browser), against the local server (with its WebSocket push) on a free
port with a moto table.

Each page records its console errors and uncaught exceptions; a test ends by checking there
were none. Screenshots go to build/screenshots/ (git-ignored), kept as test artefacts; the
ones docs/console.md shows are written to docs/ as well, so they stay current.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from functions.store.table import client as dynamodb
from infra import console_build
from tests.support.events_stack import events_stack
from tests.support.groq_stub import groq_env, groq_stub
from tests.support.tokens import Tokens

__all__ = ["groq_env", "groq_stub"]  # the Groq stub's fixtures, for briefings written by "Groq"

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
DOCS = ROOT / "docs"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# How long an expectation waits for the page (a bound, never a measured speed): generous,
# because the whole suite may share a couple of busy cores.
expect.set_options(timeout=15_000)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The audible cue plays without a click first (a person's first click unlocks it).
    "--autoplay-policy=no-user-gesture-required",
]
# Counts the beeps the page plays (each tone is one oscillator started), and keeps what it
# reads aloud.
COUNT_BEEPS = """
window.__tones = 0;
const start = AudioScheduledSourceNode.prototype.start;
AudioScheduledSourceNode.prototype.start = function (...args) {
  window.__tones += 1;
  return start.apply(this, args);
};
// What the page hands to the browser's speech synthesis.
window.__spoken = [];
const speak = speechSynthesis.speak.bind(speechSynthesis);
speechSynthesis.speak = (utterance) => {
  window.__spoken.push(utterance.text);
  return speak(utterance);
};
"""


@pytest.fixture(scope="session")
def console_dist() -> Path:
    return console_build.build()


# Package scope, not session: Playwright's sync API keeps an event loop running on this
# thread while it is open, and the Mangum handlers of the tests after these refuse to run
# inside a running loop.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("chromium is missing: `apt-get install -y chromium` (make test does)")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def server(store_env: str, console_dist: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The local server as `make run` serves it: the WebSocket at /ws and the stream poller
    pushing events."""
    # Playwright's sync API keeps an event loop running on this thread, where the stack's
    # teardown (closing the pollers' AWS clients on their loops) cannot run one.
    stack = events_stack(store_env, monkeypatch)
    running = off_this_thread(stack.__enter__)
    yield running.base_url
    off_this_thread(lambda: stack.__exit__(None, None, None))
    off_this_thread(dynamodb.reset)  # before store_env's teardown, which would do it here


def off_this_thread(work: Callable[[], Any]) -> Any:
    """work() on another thread; its result, or its exception raised here."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # re-raised on the caller's thread
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


class ServiceTokens(Protocol):
    """Where the API helper's tokens come from: the shared secret (Tokens) or an issuer."""

    def service(self) -> str: ...

    def supervisor(self) -> str: ...


@dataclass
class Api:
    """The HTTP API as the rest of the world calls it while a person uses the page."""

    base: str
    tokens: ServiceTokens
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(base_url=self.base, timeout=20)

    def call(self, method: str, path: str, token: str, body: Any = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return self.client.request(method, path, json=body, headers=headers)

    def transfer(
        self, call_id: str, to_agent: str | None, turns: list[dict[str, str]], **body: Any
    ) -> dict[str, Any]:
        """A call with these turns, transferred by the service; the new transfer."""
        svc = self.tokens.service()
        made = self.call("POST", "/calls", svc, {"call_id": call_id, "caller": {"name": "Dana"}})
        assert made.status_code == 201, made.text
        added = self.call("POST", f"/calls/{call_id}/turns", svc, {"turns": turns})
        assert added.status_code == 201, added.text
        sent = self.call(
            "POST", "/initiate-transfer", svc, {"call_id": call_id, "to_agent": to_agent, **body}
        )
        assert sent.status_code == 201, sent.text
        return dict(sent.json())

    def read(self, transfer_id: str) -> dict[str, Any]:
        got = self.call("GET", f"/transfers/{transfer_id}", self.tokens.supervisor())
        assert got.status_code == 200, got.text
        return dict(got.json())


@pytest.fixture
def api(server: str, tokens: Tokens) -> Iterator[Api]:
    client = Api(server, tokens)
    yield client
    client.client.close()


@dataclass
class Console:
    page: Page
    errors: list[str]

    def screenshot(self, name: str, selector: str | None = None, *, docs: bool = False) -> Path:
        """The whole page, or the element `selector` finds, as build/screenshots/<name>.png;
        with `docs`, also as docs/console-<name>.png, the picture docs/console.md shows."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        if selector:
            self.page.locator(selector).screenshot(path=str(path))
        else:
            self.page.screenshot(path=str(path), full_page=True)
        if docs:
            self.docs_screenshot(DOCS / f"console-{name}.png", selector)
        return path

    def docs_screenshot(
        self, path: Path, selector: str | None, *, mask: Sequence[str] = ()
    ) -> None:
        """The same picture with what changes from run to run (how long a caller has waited,
        the time of day; `mask`: more of it, by selector) painted over in the panel's
        colour, so the committed file changes only when the page does."""
        options: dict[str, Any] = {
            "path": str(path),
            "animations": "disabled",
            "caret": "hide",
            "mask": [
                self.page.locator(".wait"),
                self.page.locator("#card .muted", has_text=re.compile(r" at \d\d?:\d\d")),
                *(self.page.locator(m) for m in mask),
            ],
            "mask_color": self.page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--panel').trim()"
            ),
        }
        # A new row's "arrive" glow can be a shade from its end when the picture is taken;
        # the page drops it for people who ask for less motion, so ask for that meanwhile.
        self.page.emulate_media(reduced_motion="reduce")
        if selector:
            self.page.locator(selector).screenshot(**options)
        else:
            self.page.screenshot(full_page=True, **options)
        self.page.emulate_media(reduced_motion="null")

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical violations on the page as it is now."""
        # Evaluated through the DevTools protocol, which the page's CSP does not govern.
        self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    def scrolls_sideways(self) -> bool:
        return bool(
            self.page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
        )

    def tones(self) -> int:
        return int(self.page.evaluate("window.__tones"))

    def spoken(self) -> list[str]:
        return list(self.page.evaluate("window.__spoken"))

    def assert_no_errors(self, *expected: str) -> None:
        """No console errors but the `expected` ones (substrings), each seen."""
        for text in expected:
            assert any(text in e for e in self.errors), (text, self.errors)
        unexpected = [e for e in self.errors if not any(t in e for t in expected)]
        assert unexpected == [], unexpected


@pytest.fixture
def open_console(browser: Browser, server: str) -> Iterator[Callable[..., Console]]:
    contexts = []

    def open_(
        token: str | None,
        *,
        width: int = 1280,
        height: int = 900,
        fake_clock: bool = False,
        before: Callable[[Page], None] | None = None,
    ) -> Console:
        """A new browser context's page on the console, signed in with `token`; `before`
        prepares the page before it loads."""
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.add_init_script(COUNT_BEEPS)
        if fake_clock:
            # Timers the test can pause: the page then stays as it was (no polling).
            page.clock.install()
        if before:
            before(page)
        page.goto(f"{server}/console/" + (f"#token={token}" if token else ""))
        return Console(page, errors)

    yield open_
    for context in contexts:
        context.close()
