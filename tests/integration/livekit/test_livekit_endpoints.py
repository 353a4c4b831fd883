"""POST /token, GET /get-token and GET /rooms through the real handlers, with the real
LiveKit SDK talking to the Twirp stub over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import jwt
import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response
from tests.support.flows import open_transfer
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name


def lk_claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, API_SECRET, algorithms=["HS256"], issuer=API_KEY)


def post_token(token: str, body: dict[str, Any], version: int = 2) -> Response:
    return api.join_token(body, token=token, version=version)


# ---- tokens -----------------------------------------------------------------------------


def test_service_mints_for_any_room_and_identity(livekit: LiveKitStub, tokens: Tokens) -> None:
    res = post_token(tokens.service(), {"room": "call-_+15550100_x1", "identity": "caller-1"})
    assert res.status == 200, res.body
    claims = lk_claims(res.json["token"])
    assert claims["sub"] == "caller-1"
    assert claims["video"] == {
        "roomJoin": True,
        "room": "call-_+15550100_x1",
        "canPublish": True,
        "canSubscribe": True,
        "canPublishData": True,
    }
    assert res.json["url"] == livekit.url
    assert res.json["identity"] == "caller-1"
    assert livekit.requests == []  # minting is local: LiveKit is not called


def test_identity_defaults_to_the_callers_sub(livekit: LiveKitStub, tokens: Tokens) -> None:
    res = post_token(tokens.service("voice-bot"), {"room": "room-a", "name": "Voice bot"})
    assert res.status == 200, res.body
    claims = lk_claims(res.json["token"])
    assert (claims["sub"], claims["name"]) == ("voice-bot", "Voice bot")


def test_payload_v1_events_work_too(livekit: LiveKitStub, tokens: Tokens) -> None:
    res = post_token(tokens.service(), {"room": "room-a"}, version=1)
    assert res.status == 200, res.body
    assert lk_claims(res.json["token"])["video"]["room"] == "room-a"


def test_legacy_get_token_answers_access_token(livekit: LiveKitStub, tokens: Tokens) -> None:
    query = {"room_name": "support-42", "identity": "agent-7"}
    res = api.legacy_token(token=tokens.service(), query=query)
    assert res.status == 200, res.body
    assert set(res.json) == {"accessToken"}
    claims = lk_claims(res.json["accessToken"])
    assert (claims["sub"], claims["video"]["room"]) == ("agent-7", "support-42")


def test_agent_may_not_mint_for_a_room_of_no_transfer(livekit: LiveKitStub, tokens: Tokens) -> None:
    alice = tokens.agent("alice")
    res = post_token(alice, {"room": "call-room-9"})
    assert res.status == 403 and res.headers["content-type"] == PROBLEM
    assert "transfer_id" in res.json["detail"]
    # A consult room of a transfer that does not exist (or does not name her): 404.
    res = post_token(alice, {"room": "consult-nope"})
    assert res.status == 404 and res.headers["content-type"] == PROBLEM
    legacy = api.legacy_token(token=alice, query={"room_name": "call-room-9"})
    assert legacy.status == 403


def test_agent_may_not_take_another_identity(livekit: LiveKitStub, tokens: Tokens) -> None:
    tid = open_transfer(tokens, "call-id-1", to_agent="alice")
    res = post_token(tokens.agent("alice"), {"room": f"consult-{tid}", "identity": "bob"})
    assert res.status == 403
    assert "own identity" in res.json["detail"]


def test_supervisor_gets_no_join_token(livekit: LiveKitStub, tokens: Tokens) -> None:
    res = post_token(tokens.supervisor(), {"room": "room-a"})
    assert res.status == 403


def test_bad_token_requests_are_422_and_401(livekit: LiveKitStub, tokens: Tokens) -> None:
    svc = tokens.service()
    for body in ({}, {"room": ""}, {"room": "a room with spaces"}, {"room": "r", "extra": 1}):
        res = post_token(svc, body)
        assert res.status == 422, body
        assert res.headers["content-type"] == PROBLEM
    assert api.join_token({"room": "r"}, token=None).status == 401
    res = api.legacy_token(token=svc)  # room_name missing
    assert res.status == 422


# ---- rooms ------------------------------------------------------------------------------


def test_rooms_with_participant_counts(livekit: LiveKitStub, tokens: Tokens) -> None:
    livekit.add_participant("call-1", "caller")
    livekit.add_participant("call-1", "alice")
    livekit.add_participant("consult-t9", "alice")
    for who in (tokens.supervisor(), tokens.service()):
        res = api.list_rooms(token=who)
        assert res.status == 200, res.body
        rooms = {r["name"]: r for r in res.json["rooms"]}
        assert set(rooms) == {"call-1", "consult-t9"}
        assert rooms["call-1"]["num_participants"] == 2
        assert rooms["call-1"]["transfer_id"] is None
        assert rooms["consult-t9"]["num_participants"] == 1
        assert rooms["consult-t9"]["transfer_id"] == "t9"
    listed = livekit.calls("ListRooms")
    assert len(listed) == 2 and all(r.status == 200 for r in listed)
    # The SDK signed each request with the API key and a roomList grant (the stub checks).
    assert listed[0].claims is not None and listed[0].claims["video"]["roomList"] is True
    assert listed[0].content_type == "application/protobuf"


def test_agents_may_not_list_rooms(livekit: LiveKitStub, tokens: Tokens) -> None:
    assert api.list_rooms(token=tokens.agent("alice")).status == 403
    assert livekit.calls() == []


@pytest.mark.parametrize(("status", "code"), [(500, "internal"), (503, "unavailable")])
def test_rooms_when_livekit_fails(
    livekit: LiveKitStub, tokens: Tokens, status: int, code: str
) -> None:
    livekit.fail("ListRooms", status=status, code=code)
    res = api.list_rooms(token=tokens.supervisor())
    assert res.status == 502 and res.headers["content-type"] == PROBLEM
    assert res.json["livekit_status"] == status and res.json["livekit_code"] == code
    # The next request goes through: nothing is left broken.
    assert api.list_rooms(token=tokens.supervisor()).status == 200


def test_rooms_when_livekit_hangs(livekit: LiveKitStub, tokens: Tokens) -> None:
    livekit.hang("ListRooms")
    res = api.list_rooms(token=tokens.supervisor())
    assert res.status == 504 and res.headers["content-type"] == PROBLEM
    assert res.json["type"].endswith("livekit-timeout")
    assert api.list_rooms(token=tokens.supervisor()).status == 200


def test_rooms_when_livekit_is_unreachable(
    livekit: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    closed = LiveKitStub().start()
    url = closed.url
    closed.stop()  # nothing listens there now
    monkeypatch.setenv("LIVEKIT_URL", url)
    get_settings.cache_clear()
    res = api.list_rooms(token=tokens.supervisor())
    assert res.status == 502 and res.headers["content-type"] == PROBLEM


# ---- without LiveKit --------------------------------------------------------------------


@pytest.mark.usefixtures("store_env")
def test_without_livekit_token_and_rooms_are_503(tokens: Tokens) -> None:
    for res in (
        post_token(tokens.service(), {"room": "room-a"}),
        api.legacy_token(token=tokens.service(), query={"room_name": "room-a"}),
        api.list_rooms(token=tokens.supervisor()),
    ):
        assert res.status == 503 and res.headers["content-type"] == PROBLEM
        assert res.json["type"].endswith("livekit-not-configured")
        assert "LIVEKIT_URL" in res.json["detail"]


# ---- imports ----------------------------------------------------------------------------

PROBE = """
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
{use}
print(json.dumps(sorted(m for m in sys.modules if m == "livekit" or m.startswith("livekit."))))
"""
MINT = """
from functions.livekit import rooms as media
try:
    media.mint_token("r", "i")
except Exception:
    pass
"""


def loaded_livekit(*modules: str, use: str = "", env: dict[str, str] | None = None) -> list[str]:
    code = PROBE.format(modules=list(modules), use=use)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_functions_without_livekit_never_import_it() -> None:
    # One interpreter for all (a pair each cost 7 s more): any that loads it fails this.
    # All but the first two use it, and load it on first use only, not at cold start.
    assert (
        loaded_livekit(
            "functions.get_transfer",
            "functions.list_transfers",
            "functions.initiate_transfer",
            "functions.complete_transfer",
            "functions.create_token",
            "functions.list_rooms",
            "functions.start_room_agent",
            "functions.list_participants",
            "functions.v0.get_token",
            "functions.v0.list_transfers",
        )
        == []
    )


def test_livekit_loads_on_first_use_once_configured() -> None:
    env = {**os.environ, "LIVEKIT_URL": "http://127.0.0.1:9"}
    for var in ("LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        env.pop(var, None)
    assert loaded_livekit(use=MINT, env=env) == []  # refused before the SDK is imported
    env |= {"LIVEKIT_API_KEY": API_KEY, "LIVEKIT_API_SECRET": API_SECRET}
    assert "livekit.api" in loaded_livekit(use=MINT, env=env)
