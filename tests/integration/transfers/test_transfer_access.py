"""Lists, pages, and who sees what, through the real handlers."""

from __future__ import annotations

import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.flows import open_transfer
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


def start_transfers(tokens: Tokens, to_agents: list[str]) -> list[str]:
    return [open_transfer(tokens, f"c{i}", agent) for i, agent in enumerate(to_agents)]


def list_all(token: str, **query: str) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        q = dict(query, **({"cursor": cursor} if cursor else {}))
        res = api.list_transfers(token=token, query=q)
        pages.append(api.transfer_ids(res))
        cursor = res.json["next_cursor"]
        if cursor is None:
            return pages


def test_pages_cover_every_transfer_once_newest_first(tokens: Tokens) -> None:
    ids = start_transfers(tokens, ["bob"] * 5 + ["alice"] * 2)
    pages = list_all(tokens.supervisor(), limit="3")
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [t for p in pages for t in p] == ids[::-1]
    bob_pages = list_all(tokens.agent("bob"), limit="2")
    assert [t for p in bob_pages for t in p] == ids[:5][::-1]


def test_status_filter_on_an_inbox_pages_through_filtered_items(tokens: Tokens) -> None:
    ids = start_transfers(tokens, ["bob"] * 6)
    for tid in ids[::2]:
        res = api.move("cancel", tid, token=tokens.supervisor())
        assert res.status == 200
    pages = list_all(tokens.supervisor(), agent="bob", status="initiated", limit="2")
    assert [t for p in pages for t in p] == ids[1::2][::-1]
    by_status = list_all(tokens.supervisor(), status="cancelled", limit="2")
    assert [t for p in by_status for t in p] == ids[::2][::-1]


def test_an_agent_is_denied_another_agents_transfer(tokens: Tokens) -> None:
    (tid,) = start_transfers(tokens, ["bob"])
    eve = tokens.agent("eve")
    res = api.get_transfer(tid, token=eve)
    assert res.status == 404
    assert res.headers["content-type"] == PROBLEM
    assert list_all(eve) == [[]]
    sneaky = api.list_transfers(token=eve, query={"agent": "bob"})
    assert sneaky.status == 403


def test_a_cursor_from_another_agents_list_is_refused(tokens: Tokens) -> None:
    start_transfers(tokens, ["bob"] * 3)
    first = api.list_transfers(token=tokens.agent("bob"), query={"limit": "1"})
    cursor = first.json["next_cursor"]
    assert cursor
    stolen = api.list_transfers(token=tokens.agent("eve"), query={"cursor": cursor})
    assert stolen.status == 400 and stolen.json["title"] == "Invalid cursor"
    tampered = api.list_transfers(token=tokens.agent("bob"), query={"cursor": cursor[:-3] + "AAA"})
    assert tampered.status == 400


def test_two_invocations_reuse_one_store_client(tokens: Tokens) -> None:
    from functions.store.table import client as dynamodb

    svc = tokens.service()
    api.open_call({"call_id": "r1"}, token=svc)
    first = set(map(id, (c for c, _ in dynamodb._clients.values())))
    api.open_call({"call_id": "r2"}, token=svc)
    second = set(map(id, (c for c, _ in dynamodb._clients.values())))
    assert len(first) == 1 and first == second


def test_cursors_are_signed_with_their_own_key_not_the_jwt_secret(
    tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    ids = start_transfers(tokens, ["bob"] * 3)
    first = api.list_transfers(token=tokens.supervisor(), query={"limit": "2"})
    cursor = first.json["next_cursor"]
    assert cursor
    # The JWT secret rotates: tokens change, the cursor still reads the next page.
    monkeypatch.setenv("AUTH_JWT_SECRET", "a-rotated-jwt-secret-0123456789abcdef")
    get_settings.cache_clear()
    rotated = Tokens("a-rotated-jwt-secret-0123456789abcdef")
    rest = api.list_transfers(token=rotated.supervisor(), query={"limit": "2", "cursor": cursor})
    assert rest.status == 200 and api.transfer_ids(rest) == [ids[0]]
    # The cursor key rotates: the old cursor is refused, not read.
    monkeypatch.setenv("CURSOR_SECRET", "a-rotated-cursor-secret-0123456789")
    get_settings.cache_clear()
    stale = api.list_transfers(token=rotated.supervisor(), query={"limit": "2", "cursor": cursor})
    assert stale.status == 400 and stale.json["title"] == "Invalid cursor"
    # No cursor key at all: listing says it is not configured.
    monkeypatch.delenv("CURSOR_SECRET")
    get_settings.cache_clear()
    off = api.list_transfers(token=rotated.supervisor())
    assert off.status == 503 and off.headers["content-type"] == PROBLEM
    assert "CURSOR_SECRET" in off.json["detail"]
