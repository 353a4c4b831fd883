"""Callback requests (POST /calls/{call_id}/callback): the voice agent records that the
caller wants a call back; GET /calls shows it, supervisors' sockets and the webhooks get
`call.callback_requested`, and agents hear nothing of it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.events_stack import EventsStack, events_stack, webhook_receiver
from tests.support.flows import open_call
from tests.support.tokens import Tokens


@pytest.fixture
def stack(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventsStack]:
    with events_stack(store_env, monkeypatch) as running:
        yield running


@pytest.mark.usefixtures("store_env")
def test_the_request_is_recorded_on_the_call(tokens: Tokens) -> None:
    open_call(tokens, "c1", caller={"phone": "+1 555 0100"})
    body = {"phone": "+1 555 0199", "preferred_time": "tomorrow after 5 pm"}
    made = api.request_callback("c1", body, token=tokens.service())
    assert made.status == 200, made.body
    assert made.json["phone"] == "+1 555 0199"
    assert made.json["preferred_time"] == "tomorrow after 5 pm"
    assert made.json["call_id"] == "c1"
    assert made.json["requested_by"] == "voice-pipeline"
    got = api.get_call("c1", token=tokens.supervisor())
    assert got.json["callback"] == made.json
    # A later request replaces the first (the caller changed their mind).
    again = api.request_callback("c1", {"phone": "+1 555 0142"}, token=tokens.service())
    assert again.status == 200, again.body
    callback = api.get_call("c1", token=tokens.supervisor()).json["callback"]
    assert callback["phone"] == "+1 555 0142" and callback["preferred_time"] is None


@pytest.mark.usefixtures("store_env")
def test_bad_requests_are_refused_and_nothing_is_recorded(tokens: Tokens) -> None:
    open_call(tokens, "c1")
    svc = tokens.service()
    missing = api.request_callback("nope", {"phone": "+1 555 0100"}, token=svc)
    assert missing.status == 404 and missing.headers["content-type"] == PROBLEM
    assert missing.json["detail"] == "call nope not found"
    for bad in ({}, {"phone": "call me maybe"}, {"phone": "+1 555 0100", "priority": 1}):
        refused = api.request_callback("c1", bad, token=svc)
        assert refused.status == 422, (bad, refused.body)
        assert refused.headers["content-type"] == PROBLEM
    # Only the service (the voice agent) records callbacks.
    for token in (tokens.agent("bob"), tokens.supervisor()):
        assert api.request_callback("c1", {"phone": "+1 555 0100"}, token=token).status == 403
    assert api.request_callback("c1", {"phone": "+1 555 0100"}, token=None).status == 401
    assert api.get_call("c1", token=tokens.supervisor()).json.get("callback") is None


def test_supervisors_and_webhooks_hear_of_it_and_agents_do_not(
    stack: EventsStack, tokens: Tokens
) -> None:
    with webhook_receiver() as receiver:
        hook = api.create_webhook(
            {"url": receiver.url, "events": ["call.callback_requested"]},
            token=tokens.supervisor(),
        )
        assert hook.status == 201, hook.body
        supervisor = stack.socket(tokens.supervisor())
        bob = stack.socket(tokens.agent("bob"))
        open_call(tokens, "c-cb", agent="bob")
        made = api.request_callback("c-cb", {"phone": "+1 555 0100"}, token=tokens.service())
        assert made.status == 200, made.body
        # A later change of the call (turns, an assignment) raises nothing more.
        assert api.assign_call("c-cb", {"agent": "alice"}, token=tokens.service()).status == 200
        event = supervisor.next()
        assert event["type"] == "call.callback_requested"
        assert event["data"] == made.json
        assert event["occurred_at"] == made.json["requested_at"]
        _, delivered = receiver.next()
        assert json.loads(delivered)["id"] == event["id"]
        assert json.loads(delivered)["data"] == made.json
        # bob is on the call but callbacks are for supervisors: the next thing he hears is
        # a transfer that names him.
        moved = api.initiate({"call_id": "c-cb", "to_agent": "bob"}, token=tokens.service())
        assert moved.status == 201, moved.body
        assert bob.next()["type"] == "transfer.initiated"
        assert supervisor.next()["type"] == "transfer.initiated"
        supervisor.close()
        bob.close()
