"""publish_events under faults: a batch that fails part-way is retried from the failed
record and loses nothing; a repeat has the same id; a socket that is gone (410) is
forgotten, unless its $connect was a moment ago (API Gateway answers 410 until the socket
is open). The handler gets genuine stream records read from moto's stream."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

import functions.publish_events
import functions.ws_connect
import functions.ws_disconnect
from functions.services.events.connections import CONNECTING_SECONDS
from functions.shared import clock
from functions.shared.settings import get_settings
from infra import websocket_events
from infra.lambda_invoke import Context
from tests.support.events_stack import WAIT, EventsStack, events_stack
from tests.support.flows import open_transfer
from tests.support.tokens import Tokens


def _connect(token: str, connection_id: str, management_url: str, env: pytest.MonkeyPatch) -> None:
    """A $connect as API Gateway sends it, for a socket whose Management API is at `url`."""
    env.setenv("WEBSOCKET_MANAGEMENT_URL", management_url)
    get_settings.cache_clear()
    event = websocket_events.connect_event(
        connection_id,
        domain="127.0.0.1",
        headers={"Host": "127.0.0.1"},
        query={"token": [token]},
        connected_at=int(time.time() * 1000),
    )
    assert functions.ws_connect.handler(event, Context("ws_connect")) == {"statusCode": 200}


def _publish(records: list[dict[str, Any]]) -> list[str]:
    out = functions.publish_events.handler({"Records": records}, Context("publish_events"))
    return [f["itemIdentifier"] for f in out["batchItemFailures"]]


def _transfer_record(records: list[dict[str, Any]], transfer_id: str) -> int:
    return next(
        n
        for n, r in enumerate(records)
        if r["dynamodb"]["Keys"]["pk"]["S"] == f"TRANSFER#{transfer_id}"
    )


@pytest.fixture
def quiet_stack(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventsStack]:
    with events_stack(store_env, monkeypatch, pollers=False) as running:
        yield running


def test_a_batch_failing_part_way_is_retried_from_the_failed_record(
    quiet_stack: EventsStack, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = quiet_stack.socket(tokens.agent("bob"))
    # dave's socket sits behind a Management API that does not answer (nothing listens).
    _connect(tokens.agent("dave"), "dave-conn=", "http://127.0.0.1:9", monkeypatch)
    monkeypatch.setenv("WEBSOCKET_MANAGEMENT_URL", quiet_stack.management_url)
    get_settings.cache_clear()
    first = open_transfer(tokens, "c-1", to_agent="bob")
    to_dave = open_transfer(tokens, "c-2", to_agent="dave")
    last = open_transfer(tokens, "c-3", to_agent="bob")
    # The transfers' records (the agents' status records are events of their own).
    records = [
        r
        for r in quiet_stack.stream_records()
        if r["dynamodb"]["Keys"]["pk"]["S"].startswith("TRANSFER#")
    ]
    failed_at = _transfer_record(records, to_dave)

    # The push to dave fails: the batch reports that record; nothing after it is sent.
    assert _publish(records) == [records[failed_at]["dynamodb"]["SequenceNumber"]]
    assert bob.next()["id"] == f"{first}:1"
    with pytest.raises(TimeoutError):
        bob.next(timeout=1.0)

    # dave's socket closes; the retry starts at the failed record and the rest follows.
    functions.ws_disconnect.handler(
        websocket_events.disconnect_event("dave-conn=", domain="127.0.0.1", connected_at=0),
        Context("ws_disconnect"),
    )
    assert _publish(records[failed_at:]) == []
    assert bob.next()["id"] == f"{last}:1"

    # Lambda may deliver a batch again (a retry after a timeout): a repeat has the same id.
    assert _publish(records) == []
    assert [bob.next()["id"], bob.next()["id"]] == [f"{first}:1", f"{last}:1"]
    bob.close()


def _status(stack: EventsStack, token: str) -> str:
    got = httpx.get(
        f"{stack.base_url}/agents/me", headers={"authorization": f"Bearer {token}"}, timeout=WAIT
    )
    assert got.status_code == 200, got.text
    return str(got.json()["status"])


def test_a_socket_that_is_gone_is_deleted(
    quiet_stack: EventsStack, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A record whose $disconnect never came: the local @connections answers 410 for it.
    # Its $connect was longer ago than any $connect lasts.
    real_now = clock.now
    earlier = timedelta(seconds=CONNECTING_SECONDS + 30)
    monkeypatch.setattr(clock, "now", lambda: real_now() - earlier)
    _connect(tokens.agent("bob"), "never-opened=", quiet_stack.management_url, monkeypatch)
    monkeypatch.setattr(clock, "now", real_now)
    supervisor = quiet_stack.socket(tokens.supervisor())
    transfer_id = open_transfer(tokens, "c-gone", to_agent="bob")
    assert _publish(quiet_stack.stream_records()) == []
    assert supervisor.next(timeout=WAIT)["id"] == f"{transfer_id}:1"
    assert [c["sub"]["S"] for c in quiet_stack.connections()] == ["sup-1"]
    assert _status(quiet_stack, tokens.agent("bob")) == "offline"
    supervisor.close()


def test_a_socket_still_in_its_connect_is_kept(
    quiet_stack: EventsStack, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Recorded by its $connect a moment ago, not open yet: API Gateway answers a post to it
    # 410 until the $connect has answered. The event misses it (the console reads what it
    # missed once open); the socket and the agent's online status stay.
    _connect(tokens.agent("bob"), "opening=", quiet_stack.management_url, monkeypatch)
    open_transfer(tokens, "c-opening", to_agent="bob")
    assert _publish(quiet_stack.stream_records()) == []
    assert [c["connection_id"]["S"] for c in quiet_stack.connections()] == ["opening="]
    assert _status(quiet_stack, tokens.agent("bob")) != "offline"
