"""One stream batch reads each agent's sockets, the supervisors' sockets and the webhook
subscriptions once, not once per record (issue 30), and every socket and subscription
still gets every event it got before. Genuine stream records from moto, the real
publish_events handler, the local WebSocket Management API and SQS on moto."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import functions.publish_events
from bench.requests import Recorder, counting
from functions.shared.settings import get_settings
from infra.lambda_invoke import Context
from tests.support import api
from tests.support.events_stack import EventsStack, events_stack
from tests.support.flows import open_transfer
from tests.support.tokens import Tokens


@pytest.fixture
def quiet_stack(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventsStack]:
    with events_stack(store_env, monkeypatch, pollers=False) as running:
        yield running


def _queued(stack: EventsStack) -> list[str]:
    """The event ids of the webhook deliveries waiting in the queue."""
    sqs, url = stack.sqs(), get_settings().webhook_queue_url
    ids: list[str] = []
    while got := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        ids += [json.loads(m["Body"])["event_id"] for m in got]
    return ids


def test_a_batch_reads_each_audience_once_and_every_socket_gets_its_events(
    quiet_stack: EventsStack, tokens: Tokens
) -> None:
    made = api.create_webhook({"url": "http://127.0.0.1:9/hooks"}, token=tokens.supervisor())
    assert made.status == 201, made.body
    bob, carol = quiet_stack.socket(tokens.agent("bob")), quiet_stack.socket(tokens.agent("carol"))
    supervisor = quiet_stack.socket(tokens.supervisor())
    before = len(quiet_stack.stream_records())
    sent = [open_transfer(tokens, f"c-{n}", to_agent=("bob", "carol")[n % 2]) for n in range(6)]
    records = [
        r
        for r in quiet_stack.stream_records()[before:]
        if r["dynamodb"]["Keys"]["pk"]["S"].startswith("TRANSFER#")
    ]
    assert len(records) == 6

    with counting(Recorder()) as recorder, recorder.step("batch"):
        out = functions.publish_events.handler({"Records": records}, Context("publish_events"))
    assert out["batchItemFailures"] == []

    # Each socket got what it got before: an agent its own transfers, the supervisor all.
    assert [bob.next()["id"] for _ in range(3)] == [f"{t}:1" for t in sent[0::2]]
    assert [carol.next()["id"] for _ in range(3)] == [f"{t}:1" for t in sent[1::2]]
    assert [supervisor.next()["id"] for _ in range(6)] == [f"{t}:1" for t in sent]
    assert sorted(_queued(quiet_stack)) == sorted(f"{t}:1" for t in sent)
    # Reads: bob's, carol's and the supervisors' sockets, and the subscriptions: 4 queries
    # for 6 records (18 before: the agent's, the supervisors' and the subscriptions', each record).
    calls = recorder.steps["batch"].calls
    assert calls["dynamodb.Query"] == 4, calls
    assert calls["apigatewaymanagementapi.PostToConnection"] == 12, calls
    for socket in (bob, carol, supervisor):
        socket.close()


def test_outside_a_batch_each_publish_reads_anew(quiet_stack: EventsStack, tokens: Tokens) -> None:
    """A socket opened between two batches gets the second batch's events."""
    before = len(quiet_stack.stream_records())
    first = open_transfer(tokens, "c-1", to_agent="bob")
    records = quiet_stack.stream_records()[before:]
    assert (
        functions.publish_events.handler({"Records": records}, Context("p"))["batchItemFailures"]
        == []
    )
    bob = quiet_stack.socket(tokens.agent("bob"))
    before = len(quiet_stack.stream_records())
    second = open_transfer(tokens, "c-2", to_agent="bob")
    records = [
        r
        for r in quiet_stack.stream_records()[before:]
        if r["dynamodb"]["Keys"]["pk"]["S"].startswith("TRANSFER#")
    ]
    assert (
        functions.publish_events.handler({"Records": records}, Context("p"))["batchItemFailures"]
        == []
    )
    assert bob.next()["id"] == f"{second}:1" != f"{first}:1"
    bob.close()
