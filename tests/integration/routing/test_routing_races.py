"""Races routing settles by conditional writes, through the real handlers and use cases
against the moto server: a decline racing the offer's timeout moves the offer once; two
transfers waiting for one agent never both reserve it, however many dispatches run."""

from __future__ import annotations

import asyncio

import pytest

import functions.put_queue
from functions.domain.actor import Actor
from functions.domain.errors import IllegalTransition
from functions.domain.models import Role
from functions.services import routing
from functions.shared.settings import get_settings
from functions.store.routing.presence import get_presence_repo
from functions.store.table import client as dynamodb
from functions.store.transfers import get_transfers_repo
from tests.support import api
from tests.support.apigw import invoke
from tests.support.flows import open_call, read_transfer
from tests.support.tokens import Tokens


@pytest.fixture
def no_sockets(store_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Presence without consoles: an agent routing has never seen is available."""
    monkeypatch.setenv("PRESENCE_REQUIRES_SOCKET", "false")
    get_settings.cache_clear()
    return store_env


def _queue(tokens: Tokens, name: str, members: list[str]) -> None:
    res = invoke(
        functions.put_queue.handler,
        "PUT",
        f"/queues/{name}",
        token=tokens.supervisor(),
        body={"members": members},
        path_params={"queue": name},
        route_path="/queues/{queue}",
    )
    assert res.status == 200, res.body


def _caller(tokens: Tokens, call_id: str, queue: str) -> str:
    open_call(tokens, call_id)
    made = api.initiate({"call_id": call_id, "to_queue": queue}, token=tokens.service())
    assert made.status == 201, made.body
    return str(made.json["transfer_id"])


def test_a_decline_racing_the_offer_timeout_moves_the_offer_once(
    no_sockets: str, tokens: Tokens
) -> None:
    _queue(tokens, "race", ["ann"])
    tid = _caller(tokens, "c-race", "race")
    assert read_transfer(tokens, tid)["offered_to"] == ["ann"]

    async def race() -> list[object]:
        snapshot = await (await get_transfers_repo()).get(tid)
        assert snapshot is not None
        return await asyncio.gather(
            routing.offer_ran_out(snapshot),
            routing.decline(tid, Actor("ann", Role.agent), "busy"),
            return_exceptions=True,
        )

    results = asyncio.run(race())
    dynamodb.reset()
    seen = read_transfer(tokens, tid)
    first, *later = seen["offers"]
    # One of the two moved it: the offer ended once, as declined or as timed out.
    if first["outcome"] == "declined":
        # Never offered to ann again; nobody else is in the queue: it waits.
        assert later == [] and seen["offered_to"] == [] and seen["version"] == 2
        assert results[0] is None
    else:
        # The timeout won: the decline was told the offer had ended, and the offer came
        # back to ann (the only member; she did not decline it) as a new offer.
        assert first["outcome"] == "timed_out", seen["offers"]
        assert isinstance(results[1], IllegalTransition)
        assert [o["outcome"] for o in later] == [None] and seen["offered_to"] == ["ann"]


def test_two_transfers_never_reserve_the_same_agent(no_sockets: str, tokens: Tokens) -> None:
    _queue(tokens, "solo", ["bo"])
    first = _caller(tokens, "c-solo-1", "solo")
    second = _caller(tokens, "c-solo-2", "solo")

    async def many_dispatches() -> None:
        await asyncio.gather(*(routing.dispatch("solo") for _ in range(10)))

    asyncio.run(many_dispatches())
    dynamodb.reset()
    offered = [read_transfer(tokens, t)["offered_to"] for t in (first, second)]
    assert offered == [["bo"], []]

    async def presence() -> dict:
        return await (await get_presence_repo()).get("bo") or {}

    assert asyncio.run(presence())["offer"] == first
    dynamodb.reset()
