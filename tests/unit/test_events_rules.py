"""The pure rules of events: which stream change is an event, the webhook SSRF check on
addresses, the retry backoff and the socket's ping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from functions.services.events import connections, webhooks
from functions.services.events import transfer_events as events
from functions.shared.settings import get_settings


@pytest.fixture(autouse=True)
def _settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for key in ("WEBHOOK_ALLOW_PRIVATE_TARGETS", "WEBHOOK_RETRY_BASE_SECONDS"):
        monkeypatch.delenv(key, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _transfer(version: int, status: str = "initiated", **extra: Any) -> dict[str, Any]:
    return {
        "pk": "TRANSFER#t1",
        "sk": "TRANSFER",
        "entity": "transfer",
        "agent_pk": "AGENT#bob",
        "expires_at": 1,
        "transfer_id": "t1",
        "call_id": "c1",
        "status": status,
        "from_agent": "alice",
        "to_agent": "bob",
        "briefing": {
            "headline": "h",
            "reason": "r",
            "customer": {},
            "sentiment": "neutral",
            "key_facts": [],
            "next_steps": [],
            "spoken": "s",
        },
        "briefing_provider": "offline",
        "created_at": "2026-12-02T10:00:00.000000Z",
        "updated_at": f"2026-12-02T10:00:0{version}.000000Z",
        "version": version,
        "history": [],
        **extra,
    }


def test_a_new_transfer_is_an_event_with_its_version_in_the_id() -> None:
    (event,) = events.from_change(None, _transfer(1))
    assert (event.id, event.type) == ("t1:1", "transfer.initiated")
    assert event.occurred_at == "2026-12-02T10:00:01.000000Z"
    data = event.data.model_dump()
    assert "pk" not in data and "agent_pk" not in data and "join_tokens" not in data


def test_a_move_is_an_event_and_a_media_record_is_not() -> None:
    (moved,) = events.from_change(_transfer(1), _transfer(2, "accepted"))
    assert (moved.id, moved.type) == ("t1:2", "transfer.accepted")
    media = {"state": "ok", "step": "open", "error": None, "at": "x", "attempts": 1}
    assert events.from_change(_transfer(2), _transfer(2, media_status=media)) == []


def test_other_items_and_deletions_are_not_events() -> None:
    assert events.from_change(None, {"pk": "CALL#c1", "entity": "call"}) == []
    assert events.from_change(_transfer(3), None) == []  # TTL removal


def test_routing_steps_are_events_and_an_ended_offer_nobody_holds_is_a_requeue() -> None:
    offers = [{"agent": "bob", "offered_at": "x", "outcome": "declined", "ended_at": "y"}]
    declined = _transfer(3, queue="billing", step="declined", offered_to=[], offers=offers)
    assert [(e.id, e.type) for e in events.from_change(_transfer(2), declined)] == [
        ("t1:3", "transfer.declined"),
        ("t1:3:requeued", "transfer.requeued"),
    ]
    offered = _transfer(4, queue="billing", step="offered", offered_to=["cy"], offers=offers)
    assert [e.type for e in events.from_change(declined, offered)] == ["transfer.offered"]


def test_an_agent_status_change_is_an_event_and_an_offer_is_not() -> None:
    before = {
        "entity": "presence",
        "agent": "bob",
        "chosen": "available",
        "since": "a",
        "connections": ["c1"],
    }
    away = {**before, "chosen": "away", "since": "b"}
    (event,) = events.from_change(before, away)
    assert (event.type, event.data.status.value) == ("agent.status_changed", "away")
    offered = {**before, "offer": "t1", "offer_until": "2999-01-01T00:00:00.000000Z"}
    assert events.from_change(before, offered) == []


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("::1", False),
        ("fd00:ec2::254", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
        ("fe80::1%eth0", False),
    ],
)
def test_only_public_unicast_addresses_are_webhook_targets(address: str, allowed: bool) -> None:
    assert webhooks.address_allowed(address) is allowed


def test_private_targets_are_allowed_only_when_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
    get_settings.cache_clear()
    assert webhooks.address_allowed("127.0.0.1")


def test_backoff_doubles_and_the_first_retry_is_within_a_minute() -> None:
    delays = [webhooks.retry_delay(n) for n in range(1, 8)]
    assert delays == [10, 20, 40, 80, 160, 320, 640]
    assert webhooks.retry_delay(40) == 43_200  # SQS's longest visibility timeout


def test_a_ping_gets_a_pong_and_anything_else_nothing() -> None:
    assert connections.reply('{"action": "ping"}') == '{"type": "pong"}'
    assert connections.reply("hello") is None
    assert connections.reply('{"action": "subscribe"}') is None
    assert connections.reply(None) is None
