"""The supervisor's board at 360 px: a queue's waiting caller and an agent going away show
live (WebSocket events), today's figures equal GET /stats, Export CSV from the keyboard,
nothing for axe-core; the screenshot in docs/console-board.png."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect
from websockets.sync.client import connect

from tests.browser.conftest import Api, Console
from tests.support.tokens import Tokens

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _stats(api: Api) -> dict[str, object]:
    got = api.call("GET", "/stats?bucket=hour", api.tokens.supervisor())
    assert got.status_code == 200, got.text
    return dict(got.json())


def test_board_follows_the_floor_live_and_agrees_with_stats(
    open_console: Callable[..., Console], api: Api, tokens: Tokens, server: str
) -> None:
    sup = tokens.supervisor("sup-1")
    made = api.call("PUT", "/queues/billing", sup, {"members": ["ann"]})
    assert made.status_code == 200, made.text
    ws = server.replace("http://", "ws://") + f"/ws?token={tokens.agent('ann')}"
    with connect(ws, open_timeout=20):  # ann's console: online, available
        console = open_console(sup, width=360, height=900)
        page = console.page
        board = page.get_by_role("region", name="Floor today")
        ann = board.locator('[data-agent="ann"]')
        expect(ann.locator(".agent-status")).to_have_text("Available")
        expect(board.locator('[data-queue="billing"] .waiting')).to_have_text("0")

        # ann steps away; then a caller joins the queue nobody can take.
        away = api.call("PUT", "/agents/me/status", tokens.agent("ann"), {"status": "away"})
        assert away.status_code == 200, away.text
        expect(ann.locator(".agent-status")).to_have_text("Away")
        expect(board.locator('[data-status="away"]')).to_have_text("Away 1")
        svc = tokens.service()
        assert api.call("POST", "/calls", svc, {"call_id": "c-board"}).status_code == 201
        sent = api.call(
            "POST", "/initiate-transfer", svc, {"call_id": "c-board", "to_queue": "billing"}
        )
        assert sent.status_code == 201, sent.text
        expect(board.locator('[data-queue="billing"] .waiting')).to_have_text("1")

        # The caller hangs up: abandonment is what /stats says (one of one).
        tid = sent.json()["transfer_id"]
        gone = api.call("POST", f"/transfers/{tid}/abandon", svc)
        assert gone.status_code == 200, gone.text
        expect(board.locator('[data-queue="billing"] .waiting')).to_have_text("0")
        expect(page.locator("#kpi-abandonment")).to_have_text("100%")
        stats = _stats(api)
        total = stats["total"]
        assert isinstance(total, dict) and total["abandonment_rate"] == 1.0
        expect(page.locator("#kpi-accepted")).to_have_text(str(total["accepted"]))
        assert board.get_by_role("img").get_attribute("aria-label")
        # Per queue: the caller entered billing and gave up there.
        grouped = api.call("GET", "/stats?group_by=queue", api.tokens.supervisor()).json()
        (billing,) = grouped["groups"]
        assert billing["key"] == "billing"
        assert (billing["total"]["entered"], billing["total"]["abandoned"]) == (1, 1)

        assert not console.scrolls_sideways()
        assert console.axe() == []
        # The day's chart runs from midnight to this hour, and Ann's time in status ticks.
        mask = ("#board-view svg", ".board-agents .muted")
        console.docs_screenshot(DOCS / "console-board.png", "#board-view", mask=mask)

        # Export CSV with the keyboard: the file is the day's transfers.
        button = board.get_by_role("button", name="Export CSV")
        button.focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        text = Path(download.value.path()).read_text()
        assert text.splitlines()[0].startswith("transfer_id,call_id,status,outcome")
        assert tid in text
        console.assert_no_errors()
