"""The older API over real HTTP against the local server (`make run`'s app): every /v0
call with the older shapes, the older page's whole flow in one test, and the CORS
answers a page on another origin needs (read from serverless.yml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from infra import routes
from tests.support.groq_stub import GroqStub, groq_env, groq_stub, reply
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.local_server import serve_locally
from tests.support.tokens import Tokens

__all__ = ["groq_env", "groq_stub", "livekit"]  # fixtures, used by name
PAGE = "http://localhost:3000"  # where the older page is served from


@pytest.fixture
def http(livekit: LiveKitStub) -> Iterator[httpx.Client]:
    with serve_locally() as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def joins(stub: LiveKitStub, access_token: str) -> str:
    """The page joins LiveKit with the token it got: that identity is now in that room."""
    claims = jwt.decode(access_token, API_SECRET, algorithms=["HS256"], issuer=API_KEY)
    stub.add_participant(claims["video"]["room"], claims["sub"])
    return str(claims["sub"])


def test_the_older_pages_whole_flow(
    http: httpx.Client, livekit: LiveKitStub, tokens: Tokens
) -> None:
    svc = bearer(tokens.service())
    room = "e2e-room-4f2a"

    def get_token(room_name: str, identity: str) -> str:
        res = http.get(
            "/v0/get-token", params={"room_name": room_name, "identity": identity}, headers=svc
        )
        assert res.status_code == 200, res.text
        return str(res.json()["accessToken"])

    def people(room_name: str) -> list[str]:
        res = http.get("/v0/participants", params={"room_name": room_name}, headers=svc)
        assert res.status_code == 200, res.text
        return sorted(p["identity"] for p in res.json()["participants"])

    # The customer and Agent A join the call room.
    joins(livekit, get_token(room, "Customer"))
    joins(livekit, get_token(room, "Agent A"))
    assert people(room) == ["Agent A", "Customer"]
    # Agent A asks for a transfer summary, with a briefing room.
    context = f"Conversation so far in room {room} with participants: Agent A, Customer. "
    context += "Initiated by Agent A."
    made = http.post(
        "/v0/initiate-transfer",
        json={"call_context": context, "room_name": room, "agent_a_identity": "Agent A"},
        headers=svc,
    )
    assert made.status_code == 200, made.text
    briefing_room, transfer_id = made.json()["briefing_room_name"], made.json()["id"]
    assert made.json()["summary"] and briefing_room in livekit.rooms
    # Agent A ("Agent A-A" there) and Agent B meet in the briefing room, then B joins the call.
    joins(livekit, get_token(briefing_room, "Agent A-A"))
    joins(livekit, get_token(briefing_room, "Agent B"))
    assert people(briefing_room) == ["Agent A-A", "Agent B"]
    joins(livekit, get_token(room, "Agent B"))
    # Agent A completes: A leaves the call room, B stays with the customer.
    done = http.post(
        "/v0/complete-transfer",
        json={
            "original_room_name": room,
            "agent_a_identity": "Agent A",
            "agent_b_identity": "Agent B",
            "transfer_id": transfer_id,
        },
        headers=svc,
    )
    assert done.status_code == 200, done.text
    assert done.json()["success"] is True
    assert people(room) == ["Agent B", "Customer"]
    assert people(briefing_room) == []  # the briefing room is closed
    # The page's list of recent transfers, and the list by room.
    by_room = http.get("/v0/transfers", params={"room_name": room, "limit": 1}, headers=svc)
    (record,) = by_room.json()["transfers"]
    assert (record["id"], record["agent_a"], record["agent_b"]) == (
        transfer_id,
        "Agent A",
        "Agent B",
    )
    assert record["call_context"] == context
    recent = http.get("/v0/transfers", params={"limit": 10}, headers=svc).json()["transfers"]
    assert [r["id"] for r in recent] == [transfer_id]


def test_every_v0_call_over_http(
    http: httpx.Client, livekit: LiveKitStub, groq_env: Any, tokens: Tokens
) -> None:
    stub: GroqStub = groq_env()
    svc = bearer(tokens.service())
    assert http.get("/v0/").json() == {"message": "Warm Transfer API is running"}
    assert http.get("/v0/health").json()["status"] == "healthy"
    query = {"room_name": "room-1", "identity": "Agent A"}
    assert "accessToken" in http.get("/v0/get-token", params=query, headers=svc).json()
    rooms = http.get("/v0/rooms", headers=svc).json()["rooms"]
    assert [r["name"] for r in rooms] == ["room-1"]
    empty = http.get("/v0/participants", params={"room_name": "room-1"}, headers=svc).json()
    assert empty == {"room": "room-1", "participants": []}
    made = http.post("/v0/initiate-transfer", json={"call_context": "Refund."}, headers=svc)
    assert made.status_code == 200 and made.json()["briefing_room_name"] is None
    tid = made.json()["id"]
    record = http.get(f"/v0/transfers/{tid}", headers=svc).json()
    assert (record["id"], record["room_name"], record["call_context"]) == (
        tid,
        "unknown",
        "Refund.",
    )
    assert http.get("/v0/transfers/nope", headers=svc).json()["detail"] == "Transfer not found"
    body = {"original_room_name": "room-1", "agent_a_identity": "Agent A", "agent_b_identity": "B"}
    done = http.post("/v0/complete-transfer", json=body, headers=svc).json()
    assert done["success"] is False  # nobody called Agent A is in room-1
    for verb, sent in (
        ("start", {"room_name": "room-1"}),
        ("say", {"room_name": "room-1", "text": "Hi"}),
        ("stop", {"room_name": "room-1"}),
    ):
        res = http.post(f"/v0/agent/{verb}", json=sent, headers=svc)
        assert res.status_code == 200 and res.json()["success"] is True, (verb, res.text)
    stub.queue("chat", reply("Hello there."))
    voice = http.post("/v0/ai-voice", json={"prompt": "Just say hello", "voice": None}, headers=svc)
    assert voice.status_code == 200 and voice.headers["content-type"] == "audio/wav"
    assert voice.content == stub.speech_audio and len(voice.content) > 1000


def test_a_page_on_another_origin_gets_the_deployed_cors_answers(http: httpx.Client) -> None:
    cors = routes.cors()  # serverless.yml's provider.httpApi.cors
    preflight = http.options(
        "/v0/initiate-transfer",
        headers={
            "Origin": PAGE,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
        },
    )
    assert preflight.status_code in (200, 204), preflight.text
    assert preflight.headers["access-control-allow-origin"] in ("*", PAGE)
    assert set(preflight.headers["access-control-allow-methods"].split(", ")) == set(cors.methods)
    allowed = {
        h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")
    }
    assert {"authorization", "content-type", "idempotency-key"} <= allowed
    assert preflight.headers["access-control-max-age"] == str(cors.max_age)
    # The answer itself carries the origin header too, or the browser hides it from the page.
    res = http.get("/v0/health", headers={"Origin": PAGE})
    assert res.status_code == 200 and res.headers["access-control-allow-origin"] == "*"
    # A header serverless.yml does not allow is refused, as API Gateway does.
    refused = http.options(
        "/v0/health",
        headers={
            "Origin": PAGE,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-secret",
        },
    )
    assert "x-secret" not in refused.headers.get("access-control-allow-headers", "").lower()
