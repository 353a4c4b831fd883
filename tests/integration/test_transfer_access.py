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
    from functions.store import client as dynamodb

    svc = tokens.service()
    api.open_call({"call_id": "r1"}, token=svc)
    first = set(map(id, (c for c, _ in dynamodb._clients.values())))
    api.open_call({"call_id": "r2"}, token=svc)
    second = set(map(id, (c for c, _ in dynamodb._clients.values())))
    assert len(first) == 1 and first == second
