"""A call's transcript is bounded and read a page at a time, through the real handlers.

Without a cap, 32 appends of 50 x 4,000-character turns made GET /calls/{call_id} answer
7.7 MB, past Lambda's 6 MB response limit (a 500 on AWS)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from functions.shared.settings import get_settings
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.flows import open_call
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


@pytest.fixture
def configure(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    return set_env


def said(n: int) -> list[dict[str, str]]:
    return [{"speaker": "caller", "text": f"turn {i}"} for i in range(n)]


def test_an_append_past_the_cap_is_a_409_and_stores_nothing(
    tokens: Tokens, configure: Callable[..., None]
) -> None:
    configure(CALL_MAX_TURNS="10")
    svc = tokens.service()
    open_call(tokens, "c-cap", said(6))
    full = api.add_turns("c-cap", said(5), token=svc)
    assert full.status == 409 and full.headers["content-type"] == PROBLEM, full.body
    assert full.json["type"].endswith(":transcript-full")
    assert (full.json["max_turns"], full.json["turn_count"]) == (10, 6)
    fits = api.add_turns("c-cap", said(4), token=svc)
    assert fits.status == 201 and fits.json["last_seq"] == 10, fits.body
    assert api.add_turns("c-cap", said(1), token=svc).status == 409
    voice = api.voice_turn({"call_id": "c-cap", "text": "still there?"}, token=svc)
    assert voice.status == 409 and voice.json["type"].endswith(":transcript-full")
    call = api.get_call("c-cap", token=svc).json
    assert call["turn_count"] == len(call["turns"]) == 10


def test_turns_are_read_a_page_at_a_time_with_a_cursor(
    tokens: Tokens, configure: Callable[..., None]
) -> None:
    configure(CALL_TURNS_PAGE_SIZE="4")
    svc = tokens.service()
    open_call(tokens, "c-pages", said(10))
    open_call(tokens, "c-other", said(10))
    seen, cursor, pages = [], None, 0
    while True:
        query = {"cursor": cursor} if cursor else None
        res = api.get_call("c-pages", token=svc, query=query)
        assert res.status == 200, res.body
        assert res.json["turn_count"] == 10 and len(res.json["turns"]) <= 4
        seen += [t["text"] for t in res.json["turns"]]
        pages += 1
        cursor = res.json["next_turns_cursor"]
        if cursor is None:
            break
        # A cursor is bound to its call, and signed.
        assert api.get_call("c-other", token=svc, query={"cursor": cursor}).status == 400
        assert api.get_call("c-pages", token=svc, query={"cursor": cursor + "A"}).status == 400
    assert seen == [f"turn {i}" for i in range(10)] and pages == 3
    small = api.get_call("c-pages", token=svc, query={"limit": "2"}).json
    assert [t["seq"] for t in small["turns"]] == [1, 2] and small["next_turns_cursor"]


def test_a_short_call_reads_as_before(tokens: Tokens) -> None:
    """The default page holds the whole transcript of an ordinary call: the response is
    the call with all its turns, plus next_turns_cursor: null."""
    open_call(tokens, "c-short", said(3))
    res = api.get_call("c-short", token=tokens.service())
    assert res.status == 200, res.body
    assert [t["text"] for t in res.json["turns"]] == ["turn 0", "turn 1", "turn 2"]
    assert res.json["next_turns_cursor"] is None
    assert {"call_id", "caller", "metadata", "context", "created_at", "turn_count"} <= set(res.json)
