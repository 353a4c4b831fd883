"""A whole warm transfer through the real handlers, as API Gateway would invoke them."""

from __future__ import annotations

import pytest

from functions import health
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import invoke
from tests.support.flows import open_call
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


def open_call_with_turns(tokens: Tokens, call_id: str = "call-1") -> None:
    turns = [
        {"speaker": "caller", "text": "Hi, my name is Dana Reyes and I was charged twice."},
        {"speaker": "ai", "text": "Sorry about that. What is your account number?"},
        {
            "speaker": "caller",
            "text": "Account number AC-99812. This is ridiculous, I want a person.",
        },
    ]
    caller = {"name": "Dana Reyes", "phone": "+1 555 010 7788"}
    open_call(tokens, call_id, caller=caller, metadata={"queue": "billing"})
    added = api.add_turns(call_id, turns, token=tokens.service())
    assert added.status == 201, added.body
    assert added.json == {"call_id": call_id, "turns_added": 3, "last_seq": 3}


def test_health_answers_without_auth() -> None:
    res = invoke(health.handler, "GET", "/health")
    assert res.status == 200
    assert res.json["status"] == "ok" and res.json["function"] == "health"


def test_whole_warm_transfer(tokens: Tokens) -> None:
    open_call_with_turns(tokens)
    svc, bob = tokens.service(), tokens.agent("bob")

    started = api.initiate(
        {
            "call_id": "call-1",
            "to_agent": "bob",
            "from_agent": "ai-agent",
            "reason": "double charge",
        },
        token=svc,
    )
    assert started.status == 201, started.body
    transfer = started.json
    tid = transfer["transfer_id"]
    assert transfer["status"] == "initiated" and transfer["version"] == 1
    assert transfer["briefing_provider"] == "offline"
    assert transfer["briefing"]["customer"]["account"] == "AC-99812"
    assert transfer["briefing"]["customer"]["name"] == "Dana Reyes"
    assert transfer["briefing"]["sentiment"] == "upset"
    assert transfer["history"][0]["by"] == "voice-pipeline"

    # The receiving agent has the briefing; the call's transcript once it accepts.
    assert api.get_call("call-1", token=bob).status == 404

    accepted = api.move("accept", tid, token=bob)
    assert accepted.status == 200, accepted.body
    assert accepted.json["status"] == "accepted" and accepted.json["version"] == 2
    call = api.get_call("call-1", token=bob)
    assert call.status == 200
    assert [t["seq"] for t in call.json["turns"]] == [1, 2, 3]

    done = api.move("complete", tid, token=bob)
    assert done.json["status"] == "completed" and done.json["version"] == 3
    assert [(h["status"], h["by"]) for h in done.json["history"]] == [
        ("initiated", "voice-pipeline"),
        ("accepted", "bob"),
        ("completed", "bob"),
    ]

    again = api.move("cancel", tid, token=bob)
    assert again.status == 409
    assert again.headers["content-type"] == PROBLEM
    assert again.json["current_status"] == "completed"
    assert "cannot cancel a transfer that is completed" in again.json["detail"]

    assert api.transfer_ids(api.list_transfers(token=bob)) == [tid]
    got = api.get_transfer(tid, token=tokens.supervisor())
    assert got.json == done.json


def test_rest_api_v1_events_for_a_post_and_a_get(tokens: Tokens) -> None:
    svc = tokens.service()
    made = api.open_call({"call_id": "v1-call"}, token=svc, version=1)
    assert made.status == 201 and made.json["call_id"] == "v1-call"
    got = api.get_call("v1-call", token=svc, version=1)
    assert got.status == 200 and got.json["call_id"] == "v1-call"


def test_legacy_call_context_initiates_a_transfer(tokens: Tokens) -> None:
    res = api.initiate(
        {"call_context": "Customer Sam wants to upgrade order ORD-5521 to express."},
        token=tokens.service(),
    )
    assert res.status == 201, res.body
    assert res.json["to_agent"] is None
    assert res.json["briefing"]["customer"]["account"] == "ORD-5521"
    # An unassigned transfer is claimed by the first agent to accept it.
    tid = res.json["transfer_id"]
    claimed = api.move("accept", tid, token=tokens.agent("carol"))
    assert claimed.status == 200 and claimed.json["to_agent"] == "carol"


def test_existing_call_id_is_a_conflict(tokens: Tokens) -> None:
    body = {"call_id": "dup"}
    assert api.open_call(body, token=tokens.service()).status == 201
    again = api.open_call(body, token=tokens.service())
    assert again.status == 409 and again.headers["content-type"] == PROBLEM
