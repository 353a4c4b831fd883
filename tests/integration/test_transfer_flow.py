"""A whole warm transfer through the real handlers, as API Gateway would invoke them."""

from __future__ import annotations

import pytest

from functions import (
    accept_transfer,
    append_turns,
    cancel_transfer,
    complete_transfer,
    create_call,
    get_call,
    get_transfer,
    health,
    initiate_transfer,
    list_transfers,
)
from tests.support.apigw import invoke
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")
PROBLEM = "application/problem+json"


def open_call_with_turns(tokens: Tokens, call_id: str = "call-1") -> None:
    svc = tokens.service()
    made = invoke(
        create_call.handler,
        "POST",
        "/calls",
        token=svc,
        body={
            "call_id": call_id,
            "caller": {"name": "Dana Reyes", "phone": "+1 555 010 7788"},
            "metadata": {"queue": "billing"},
        },
    )
    assert made.status == 201, made.body
    turns = [
        {"speaker": "caller", "text": "Hi, my name is Dana Reyes and I was charged twice."},
        {"speaker": "ai", "text": "Sorry about that. What is your account number?"},
        {
            "speaker": "caller",
            "text": "Account number AC-99812. This is ridiculous, I want a person.",
        },
    ]
    added = invoke(
        append_turns.handler,
        "POST",
        f"/calls/{call_id}/turns",
        token=svc,
        body={"turns": turns},
        path_params={"call_id": call_id},
        route_path="/calls/{call_id}/turns",
    )
    assert added.status == 201, added.body
    assert added.json == {"call_id": call_id, "turns_added": 3, "last_seq": 3}


def test_health_answers_without_auth() -> None:
    res = invoke(health.handler, "GET", "/health")
    assert res.status == 200
    assert res.json["status"] == "ok" and res.json["function"] == "health"


def test_whole_warm_transfer(tokens: Tokens) -> None:
    open_call_with_turns(tokens)
    svc, bob = tokens.service(), tokens.agent("bob")

    started = invoke(
        initiate_transfer.handler,
        "POST",
        "/initiate-transfer",
        token=svc,
        body={
            "call_id": "call-1",
            "to_agent": "bob",
            "from_agent": "ai-agent",
            "reason": "double charge",
        },
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

    # The receiving agent now sees the call's transcript too.
    call = invoke(
        get_call.handler,
        "GET",
        "/calls/call-1",
        token=bob,
        path_params={"call_id": "call-1"},
        route_path="/calls/{call_id}",
    )
    assert call.status == 200
    assert [t["seq"] for t in call.json["turns"]] == [1, 2, 3]

    path = f"/transfers/{tid}"
    accepted = invoke(
        accept_transfer.handler,
        "POST",
        f"{path}/accept",
        token=bob,
        path_params={"transfer_id": tid},
    )
    assert accepted.status == 200, accepted.body
    assert accepted.json["status"] == "accepted" and accepted.json["version"] == 2

    done = invoke(
        complete_transfer.handler,
        "POST",
        f"{path}/complete",
        token=bob,
        path_params={"transfer_id": tid},
    )
    assert done.json["status"] == "completed" and done.json["version"] == 3
    assert [(h["status"], h["by"]) for h in done.json["history"]] == [
        ("initiated", "voice-pipeline"),
        ("accepted", "bob"),
        ("completed", "bob"),
    ]

    again = invoke(
        cancel_transfer.handler,
        "POST",
        f"{path}/cancel",
        token=bob,
        path_params={"transfer_id": tid},
    )
    assert again.status == 409
    assert again.headers["content-type"] == PROBLEM
    assert again.json["current_status"] == "completed"
    assert "cannot cancel a transfer that is completed" in again.json["detail"]

    listed = invoke(list_transfers.handler, "GET", "/transfers", token=bob)
    assert [t["transfer_id"] for t in listed.json["items"]] == [tid]
    got = invoke(
        get_transfer.handler,
        "GET",
        path,
        token=tokens.supervisor(),
        path_params={"transfer_id": tid},
        route_path="/transfers/{transfer_id}",
    )
    assert got.json == done.json


def test_rest_api_v1_events_for_a_post_and_a_get(tokens: Tokens) -> None:
    svc = tokens.service()
    made = invoke(
        create_call.handler, "POST", "/calls", token=svc, version=1, body={"call_id": "v1-call"}
    )
    assert made.status == 201 and made.json["call_id"] == "v1-call"
    got = invoke(
        get_call.handler,
        "GET",
        "/calls/v1-call",
        token=svc,
        version=1,
        path_params={"call_id": "v1-call"},
        route_path="/calls/{call_id}",
    )
    assert got.status == 200 and got.json["call_id"] == "v1-call"


def test_legacy_call_context_initiates_a_transfer(tokens: Tokens) -> None:
    res = invoke(
        initiate_transfer.handler,
        "POST",
        "/initiate-transfer",
        token=tokens.service(),
        body={"call_context": "Customer Sam wants to upgrade order ORD-5521 to express."},
    )
    assert res.status == 201, res.body
    assert res.json["to_agent"] is None
    assert res.json["briefing"]["customer"]["account"] == "ORD-5521"
    # An unassigned transfer is claimed by the first agent to accept it.
    tid = res.json["transfer_id"]
    claimed = invoke(
        accept_transfer.handler,
        "POST",
        f"/transfers/{tid}/accept",
        token=tokens.agent("carol"),
        path_params={"transfer_id": tid},
    )
    assert claimed.status == 200 and claimed.json["to_agent"] == "carol"


def test_existing_call_id_is_a_conflict(tokens: Tokens) -> None:
    body = {"call_id": "dup"}
    assert (
        invoke(create_call.handler, "POST", "/calls", token=tokens.service(), body=body).status
        == 201
    )
    again = invoke(create_call.handler, "POST", "/calls", token=tokens.service(), body=body)
    assert again.status == 409 and again.headers["content-type"] == PROBLEM
