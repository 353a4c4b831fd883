"""Transfer events on agents' WebSockets, from the table's stream (README "Events").

Everything runs as `make run` runs it: writes through the real handlers, moto's stream
polled like Lambda's event source mapping, publish_events posting through the Management
API to the local server's @connections endpoint, and a real WebSocket client.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.support import api
from tests.support.events_stack import EventsStack, events_stack, refused_status
from tests.support.flows import open_transfer, read_transfer
from tests.support.tokens import Tokens


@pytest.fixture
def stack(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventsStack]:
    with events_stack(store_env, monkeypatch) as running:
        yield running


def _move(tokens: Tokens, action: api.Move, transfer_id: str, agent: str = "bob") -> None:
    res = api.move(action, transfer_id, token=tokens.agent(agent))
    assert res.status == 200, res.body


def test_the_receiving_agent_gets_each_change_in_order_as_get_shows_it(
    stack: EventsStack, tokens: Tokens
) -> None:
    bob = stack.socket(tokens.agent("bob"))
    transfer_id = open_transfer(tokens, "c-order", to_agent="bob")
    _move(tokens, "accept", transfer_id)
    _move(tokens, "complete", transfer_id)
    seen = bob.until(f"{transfer_id}:3")
    assert [(e["id"], e["type"]) for e in seen] == [
        (f"{transfer_id}:1", "transfer.initiated"),
        (f"{transfer_id}:2", "transfer.accepted"),
        (f"{transfer_id}:3", "transfer.completed"),
    ]
    assert seen[-1]["occurred_at"] == seen[-1]["data"]["updated_at"]
    # The data is the transfer as GET /transfers/{id} shows it; never a join token.
    assert seen[-1]["data"] == read_transfer(tokens, transfer_id)
    assert all("join_tokens" not in e["data"] for e in seen)
    bob.close()


def test_an_agent_not_named_gets_nothing_and_a_supervisor_gets_all(
    stack: EventsStack, tokens: Tokens
) -> None:
    alice = stack.socket(tokens.agent("alice"))
    carol = stack.socket(tokens.agent("carol"))
    supervisor = stack.socket(tokens.supervisor())
    to_bob = open_transfer(tokens, "c-bob", to_agent="bob")
    _move(tokens, "cancel", to_bob)
    # Then one that names alice: the first thing alice hears must be that one.
    to_alice = open_transfer(tokens, "c-alice", to_agent="alice")
    assert alice.next()["id"] == f"{to_alice}:1"
    assert [e["id"] for e in supervisor.until(f"{to_alice}:1")] == [
        f"{to_bob}:1",
        f"{to_bob}:2",
        f"{to_alice}:1",
    ]
    # An agent the transfers never name hears nothing of either.
    unassigned = api.initiate({"call_context": "caller wants billing"}, token=tokens.service())
    assert unassigned.status == 201, unassigned.body
    assert carol.next()["id"] == f"{unassigned.json['transfer_id']}:1"
    for socket in (alice, carol, supervisor):
        socket.close()


def test_an_unassigned_transfer_reaches_every_agent(stack: EventsStack, tokens: Tokens) -> None:
    alice, bob = stack.socket(tokens.agent("alice")), stack.socket(tokens.agent("bob"))
    made = api.initiate({"call_context": "needs a person"}, token=tokens.service())
    assert made.status == 201, made.body
    event_id = f"{made.json['transfer_id']}:1"
    assert alice.next()["id"] == event_id
    assert bob.next()["id"] == event_id
    # Claimed by bob: every agent who saw it waiting is told it is taken (issue 24, point
    # 11: alice's console kept a live Accept), and after that only bob hears of it.
    _move(tokens, "accept", made.json["transfer_id"], agent="bob")
    assert bob.next()["type"] == "transfer.accepted"
    claimed = alice.next()
    assert (claimed["type"], claimed["data"]["to_agent"]) == ("transfer.accepted", "bob")
    _move(tokens, "complete", made.json["transfer_id"], agent="bob")
    assert bob.next()["type"] == "transfer.completed"
    with pytest.raises(TimeoutError):
        alice.next(timeout=1.0)
    alice.close()
    bob.close()


@pytest.mark.parametrize(
    ("token", "status"),
    [
        (None, 401),
        ("not-a-jwt", 401),
        ("expired", 401),
        ("wrong-secret", 401),
        ("service", 403),
    ],
)
def test_a_bad_token_refuses_the_connection(
    stack: EventsStack, tokens: Tokens, token: str | None, status: int
) -> None:
    value = {
        None: None,
        "not-a-jwt": "not-a-jwt",
        "expired": tokens.mint("bob", "agent", ttl=-60),
        "wrong-secret": Tokens("another-secret-0123456789abcdef01234").agent("bob"),
        "service": tokens.service(),
    }[token]
    url = stack.ws_url + (f"?token={value}" if value else "")
    assert refused_status(url) == status


def test_ping_gets_a_pong(stack: EventsStack, tokens: Tokens) -> None:
    bob = stack.socket(tokens.agent("bob"))
    bob.conn.send(json.dumps({"action": "ping"}))
    assert bob.next() == {"type": "pong"}
    bob.close()


def test_a_closed_socket_is_forgotten(stack: EventsStack, tokens: Tokens) -> None:
    bob = stack.socket(tokens.agent("bob"))
    assert len(stack.connections()) == 1
    bob.close()
    # $disconnect removes the record; a record left behind (a lost $disconnect) is
    # removed when its post_to_connection answers 410: see test_events_delivery.
    watcher = stack.socket(tokens.supervisor())
    transfer_id = open_transfer(tokens, "c-gone", to_agent="bob")
    watcher.until(f"{transfer_id}:1")
    assert [c["sub"]["S"] for c in stack.connections()] == ["sup-1"]
    watcher.close()


def test_a_socket_gets_nothing_after_its_token_expires(stack: EventsStack, tokens: Tokens) -> None:
    """Issue 24, point 2: verified at $connect, a socket kept receiving for the connection's
    2 h whatever its token's exp; now its record ages out with the token."""
    import time

    short = stack.socket(tokens.mint("bob", "agent", ttl=3))
    lasting = stack.socket(tokens.agent("bob"))
    time.sleep(4)  # the short token has expired
    tid = open_transfer(tokens, "c-expired-socket", to_agent="bob")
    assert lasting.next()["id"] == f"{tid}:1"
    with pytest.raises(TimeoutError):
        short.next(timeout=2.0)
    short.close()
    lasting.close()


def test_a_person_holds_a_bounded_number_of_sockets(
    stack: EventsStack, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24, point 14: a hundred sockets of one agent were accepted, each event fanned
    out to all of them."""
    from functions.shared.settings import get_settings

    monkeypatch.setenv("WEBSOCKET_MAX_PER_PERSON", "3")
    get_settings.cache_clear()
    open_ = [stack.socket(tokens.agent("bob")) for _ in range(3)]
    assert refused_status(f"{stack.ws_url}?token={tokens.agent('bob')}") == 429
    assert refused_status(f"{stack.ws_url}?token={tokens.agent('alice')}") is None
    open_[0].close()
    for socket in open_[1:]:
        socket.close()
