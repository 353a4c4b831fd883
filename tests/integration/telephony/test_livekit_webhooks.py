"""LiveKit's webhooks through the real handler: signed exactly as LiveKit signs them (with
livekit-api's own token code), verified by its WebhookReceiver; forged, altered, repeated
and re-ordered ones; the caller hanging up while offered, while accepted, after the end;
the agent reaching the consult room and then the caller."""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from typing import Any

import pytest
from google.protobuf import json_format
from livekit import api as lk

import functions.livekit_webhook
import functions.put_queue
from functions.shared.settings import get_settings
from tests.support import api
from tests.support.apigw import Response, invoke
from tests.support.flows import open_call, read_transfer
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
ROOM = "call-_+15550100_room"
SIP = 3  # ParticipantInfo.Kind.SIP


def signed(
    event: str,
    room: str,
    identity: str | None = None,
    *,
    sip: bool = False,
    secret: str = API_SECRET,
    event_id: str | None = None,
) -> tuple[str, str]:
    """A webhook body and its Authorization token, as LiveKit makes them."""
    message = lk.WebhookEvent(
        event=event,
        id=event_id or f"EV_{uuid.uuid4().hex[:12]}",
        created_at=int(time.time()),
        room=lk.Room(name=room),
    )
    if identity is not None:
        message.participant.identity = identity
        if sip:
            message.participant.kind = SIP
    body = json_format.MessageToJson(message)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    token = lk.AccessToken(API_KEY, secret).with_sha256(digest).to_jwt()
    return body, token


def deliver(body: str, token: str | None) -> Response:
    headers = {"content-type": "application/webhook+json"}
    if token is not None:
        headers["authorization"] = token
    return invoke(
        functions.livekit_webhook.handler, "POST", "/livekit/webhook", body=body, headers=headers
    )


def _transfer(tokens: Tokens, call_id: str, **body: Any) -> str:
    open_call(tokens, call_id, caller_identity="caller-1", metadata={"caller_room": ROOM})
    made = api.initiate({"call_id": call_id, **body}, token=tokens.service())
    assert made.status == 201, made.body
    return str(made.json["transfer_id"])


@pytest.fixture
def no_sockets(livekit: LiveKitStub, monkeypatch: pytest.MonkeyPatch) -> LiveKitStub:
    monkeypatch.setenv("PRESENCE_REQUIRES_SOCKET", "false")
    get_settings.cache_clear()
    return livekit


def test_a_forged_or_altered_webhook_is_refused_and_changes_nothing(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    tid = _transfer(tokens, "c-forged", to_agent="bob")
    forged = deliver(*signed("participant_left", ROOM, "caller-1", secret="not-the-secret" * 3))
    body, token = signed("participant_left", ROOM, "caller-1")
    altered = deliver(body.replace("caller-1", "caller-2"), token)
    unsigned = deliver(body, None)
    for refused in (forged, altered, unsigned):
        assert refused.status == 401, refused.body
        assert refused.headers["content-type"] == api.PROBLEM
    assert read_transfer(tokens, tid)["status"] == "initiated"


def test_the_caller_hanging_up_while_offered_abandons_once(
    no_sockets: LiveKitStub, tokens: Tokens
) -> None:
    res = invoke(
        functions.put_queue.handler,
        "PUT",
        "/queues/help",
        token=tokens.supervisor(),
        body={"members": ["bob"]},
        path_params={"queue": "help"},
        route_path="/queues/{queue}",
    )
    assert res.status == 200, res.body
    tid = _transfer(tokens, "c-hangup", to_queue="help")
    assert read_transfer(tokens, tid)["offered_to"] == ["bob"]
    # Someone else leaving the caller's room is not the caller.
    assert deliver(*signed("participant_left", ROOM, "ai-agent")).json == {"applied": True}
    assert read_transfer(tokens, tid)["status"] == "initiated"
    body, token = signed("participant_left", ROOM, "caller-1")
    assert deliver(body, token).json == {"applied": True}
    assert deliver(body, token).json == {"applied": False}  # LiveKit's retry: once
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["outcome"], seen["offered_to"]) == ("abandoned", "abandoned", [])
    assert seen["offers"][0]["outcome"] == "withdrawn"
    assert [h["by"] for h in seen["history"]] == ["voice-pipeline", "system"]
    # The consult room was closed.
    assert no_sockets.calls("DeleteRoom")


def test_the_agent_joining_then_the_caller_hanging_up_after_the_end(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    tid = _transfer(tokens, "c-join", to_agent="bob")
    consult = read_transfer(tokens, tid)["consult_room"]
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    # Re-ordered: the caller's room join arrives before the consult room's.
    assert deliver(*signed("participant_joined", ROOM, "bob")).status == 200
    assert deliver(*signed("participant_joined", consult, "bob")).status == 200
    seen = read_transfer(tokens, tid)
    assert seen["connected_at"] and seen["agent_joined_at"]
    assert seen["step"] == "agent_joined"
    assert api.move("complete", tid, token=tokens.agent("bob")).status == 200
    # The caller leaving after the hand-off is the end of a call, not an abandon.
    deliver(*signed("participant_left", ROOM, "caller-1"))
    assert read_transfer(tokens, tid)["status"] == "completed"


def test_the_caller_hanging_up_while_accepted_abandons(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    tid = _transfer(tokens, "c-accepted", to_agent="bob")
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    deliver(*signed("participant_left", ROOM, "caller-1"))
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["outcome"]) == ("abandoned", "abandoned")


def test_without_a_named_caller_the_phone_of_the_room_is_the_caller(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    open_call(tokens, "c-sip", metadata={"caller_room": ROOM})
    made = api.initiate({"call_id": "c-sip", "to_agent": "bob"}, token=tokens.service())
    tid = made.json["transfer_id"]
    deliver(*signed("participant_left", ROOM, "someone-app"))
    assert read_transfer(tokens, tid)["status"] == "initiated"
    deliver(*signed("participant_left", ROOM, "sip_+15550100", sip=True))
    assert read_transfer(tokens, tid)["status"] == "abandoned"
