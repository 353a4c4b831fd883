"""Webhooks (Standard Webhooks): supervisors manage subscriptions; each transfer event is a
signed POST, retried with backoff while the receiver fails, dead-lettered with its attempts
when it never recovers. Signatures are checked with the `standardwebhooks` library."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from functions.shared.settings import get_settings
from tests.support import api
from tests.support.events_stack import (
    MAX_ATTEMPTS,
    EventsStack,
    events_stack,
    webhook_receiver,
)
from tests.support.flows import open_transfer
from tests.support.tokens import Tokens


@pytest.fixture
def stack(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventsStack]:
    with events_stack(store_env, monkeypatch) as running:
        yield running


def _subscribe(tokens: Tokens, url: str, **body: object) -> dict[str, object]:
    made = api.create_webhook({"url": url, **body}, token=tokens.supervisor())
    assert made.status == 201, made.body
    return dict(made.json)


def test_only_supervisors_manage_webhooks(store_env: str, tokens: Tokens) -> None:
    body = {"url": "https://hooks.example.com/x"}
    for token in (tokens.agent("bob"), tokens.service()):
        assert api.create_webhook(body, token=token).status == 403
        assert api.list_webhooks(token=token).status == 403
        assert api.delete_webhook("wh_x", token=token).status == 403
    assert api.create_webhook(body, token=None).status == 401


def test_create_list_delete(
    store_env: str, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
    get_settings.cache_clear()
    made = _subscribe(
        tokens, "http://127.0.0.1:9/hooks", events=["transfer.accepted"], description="crm"
    )
    assert str(made["secret"]).startswith("whsec_")
    assert made["events"] == ["transfer.accepted"]
    listed = api.list_webhooks(token=tokens.supervisor())
    assert listed.status == 200
    assert listed.json["items"] == [{k: v for k, v in made.items() if k != "secret"}]
    assert made["secret"] not in listed.body
    # Subscribing with every event type when none are named.
    everything = _subscribe(tokens, "http://127.0.0.1:9/all")
    assert everything["events"] == [
        "transfer.initiated",
        "transfer.accepted",
        "transfer.completed",
        "transfer.cancelled",
        "transfer.expired",
        "transfer.abandoned",
        "transfer.offered",
        "transfer.declined",
        "transfer.offer_timed_out",
        "transfer.dial_failed",
        "transfer.requeued",
        "transfer.overflowed",
        "transfer.agent_joined",
        "transfer.connected",
        "agent.status_changed",
        "call.callback_requested",
        "call.erased",
    ]
    assert api.delete_webhook(str(made["webhook_id"]), token=tokens.supervisor()).status == 204
    gone = api.delete_webhook(str(made["webhook_id"]), token=tokens.supervisor())
    assert gone.status == 404
    assert gone.headers["content-type"] == api.PROBLEM
    bad = api.create_webhook(
        {"url": "http://127.0.0.1:9/x", "events": ["transfer.exploded"]},
        token=tokens.supervisor(),
    )
    assert bad.status == 422


def test_a_replayed_create_never_shows_the_secret_again(
    store_env: str, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
    get_settings.cache_clear()
    body = {"url": "http://127.0.0.1:9/hooks"}
    first = api.create_webhook(body, token=tokens.supervisor(), key="k-1")
    again = api.create_webhook(body, token=tokens.supervisor(), key="k-1")
    assert first.status == again.status == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json["webhook_id"] == first.json["webhook_id"]
    assert again.json["secret"] is None


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/x",  # not https
        "https://127.0.0.1/x",
        "https://localhost/x",
        "https://10.1.2.3/x",
        "https://192.168.0.10/x",
        "https://172.16.5.4/x",
        "https://169.254.169.254/latest/meta-data",  # cloud metadata (link-local)
        "https://100.64.0.1/x",  # carrier-grade NAT
        "https://[::1]/x",
        "https://[fd00:ec2::254]/x",  # EC2's IPv6 metadata
        "https://[::ffff:127.0.0.1]/x",  # IPv4-mapped loopback
        "https://0.0.0.0/x",
        "https://user:pw@93.184.216.34/x",
        "ftp://93.184.216.34/x",
    ],
)
def test_private_and_non_https_targets_are_refused(
    store_env: str, tokens: Tokens, url: str
) -> None:
    refused = api.create_webhook({"url": url}, token=tokens.supervisor())
    assert refused.status == 422, refused.body
    assert refused.json["type"].endswith("webhook-target-refused")


def test_a_public_https_target_is_accepted(store_env: str, tokens: Tokens) -> None:
    # An address literal: accepted without DNS (this machine has no internet).
    made = _subscribe(tokens, "https://93.184.216.34/hooks")
    assert made["url"] == "https://93.184.216.34/hooks"


def test_each_event_arrives_signed_and_verifies_with_standardwebhooks(
    stack: EventsStack, tokens: Tokens, capsys: pytest.CaptureFixture[str]
) -> None:
    with webhook_receiver() as receiver:
        hook = _subscribe(tokens, receiver.url)
        secret = str(hook["secret"])
        transfer_id = open_transfer(tokens, "c-hook", to_agent="bob")
        headers, body = receiver.next()
        verified = Webhook(secret).verify(body, headers)
        assert verified["id"] == headers["webhook-id"] == f"{transfer_id}:1"
        assert verified["type"] == "transfer.initiated"
        assert "join_tokens" not in verified["data"]
        assert headers["content-type"] == "application/json"

        # A tampered body fails.
        tampered = json.dumps({**verified, "type": "transfer.completed"})
        with pytest.raises(WebhookVerificationError):
            Webhook(secret).verify(tampered, headers)
        # A genuine signature over an old timestamp fails (replay protection).
        old = datetime.now(UTC) - timedelta(minutes=10)
        replayed = {
            **headers,
            "webhook-timestamp": str(int(old.timestamp())),
            "webhook-signature": Webhook(secret).sign(headers["webhook-id"], old, body.decode()),
        }
        with pytest.raises(WebhookVerificationError, match="too old"):
            Webhook(secret).verify(body, replayed)
        # Another subscriber's secret does not verify it.
        with pytest.raises(WebhookVerificationError):
            Webhook("whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=").verify(body, headers)
    # The secret was stored, never logged.
    assert secret not in capsys.readouterr().out


def test_a_receiver_that_is_down_gets_the_event_when_it_is_back(
    stack: EventsStack, tokens: Tokens
) -> None:
    with webhook_receiver(statuses=[503, 500]) as receiver:
        hook = _subscribe(tokens, receiver.url, events=["transfer.initiated"])
        transfer_id = open_transfer(tokens, "c-down", to_agent="bob")
        attempts = [receiver.next() for _ in range(3)]
        # Every attempt carries the same id (receivers drop repeats by it) and verifies.
        assert {h["webhook-id"] for h, _ in attempts} == {f"{transfer_id}:1"}
        for headers, body in attempts:
            Webhook(str(hook["secret"])).verify(body, headers)
        # Backoff: each retry waits longer than the one before (base 1 s here).
        stamps = [int(h["webhook-timestamp"]) for h, _ in attempts]
        assert stamps == sorted(stamps)
    assert stack.dead_letters(wait=1) == []


def test_a_receiver_that_stays_down_leaves_the_event_in_the_dlq(
    stack: EventsStack, tokens: Tokens
) -> None:
    with webhook_receiver(statuses=[503] * 10) as receiver:
        hook = _subscribe(tokens, receiver.url, events=["transfer.initiated"])
        transfer_id = open_transfer(tokens, "c-dead", to_agent="bob")
        for _ in range(MAX_ATTEMPTS):
            receiver.next()
        deadline = time.monotonic() + 30
        dead: list[dict[str, object]] = []
        while not dead and time.monotonic() < deadline:
            dead = stack.dead_letters(wait=2)
    assert len(dead) == 1
    letter = dead[0]
    assert letter["webhook_id"] == hook["webhook_id"]
    assert letter["event_id"] == f"{transfer_id}:1"
    assert letter["attempts"] == MAX_ATTEMPTS
    assert letter["last_error"] == "status 503"
    assert str(hook["secret"]) not in json.dumps(letter)


def test_a_transfers_deliveries_arrive_in_order_though_the_first_failed(
    stack: EventsStack, tokens: Tokens
) -> None:
    """Issue 24, point 3: a receiver failing the first attempt of transfer.initiated got
    transfer.accepted a second later and initiated ~9 s after it. Deliveries of one
    transfer to one subscriber wait behind an undelivered one (SQS FIFO, a group per
    subscription and transfer); another transfer's are not held up."""
    with webhook_receiver(statuses=[503]) as receiver:
        _subscribe(tokens, receiver.url, events=["transfer.initiated", "transfer.accepted"])
        transfer_id = open_transfer(tokens, "c-order-1", to_agent="bob")
        accepted = api.move("accept", transfer_id, token=tokens.agent("bob"))
        assert accepted.status == 200, accepted.body
        ids = [receiver.next()[0]["webhook-id"] for _ in range(3)]
    assert ids == [f"{transfer_id}:1", f"{transfer_id}:1", f"{transfer_id}:2"]


def test_a_receiver_that_hangs_does_not_hold_up_another_subscriber(
    stack: EventsStack, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24, point 12: locally one batch ran at a time, so a receiver that hangs (until
    the 30 s webhook timeout) delayed every later delivery of every subscriber. Batches now
    run side by side, as Lambda runs them."""
    monkeypatch.setenv("WEBHOOK_TIMEOUT_SECONDS", "30")
    get_settings.cache_clear()
    with webhook_receiver(hangs=True) as stuck, webhook_receiver() as other:
        _subscribe(tokens, stuck.url, events=["transfer.initiated"])
        first = open_transfer(tokens, "c-stuck", to_agent="bob")
        headers, _ = stuck.next()  # held unanswered from here on
        assert headers["webhook-id"] == f"{first}:1"
        _subscribe(tokens, other.url, events=["transfer.initiated"])
        second = open_transfer(tokens, "c-other", to_agent="bob")
        # Well inside the stuck delivery's 30 s: it is still being held.
        headers, _ = other.next(timeout=15)
        assert headers["webhook-id"] == f"{second}:1"
        assert not stuck.answering.is_set()
