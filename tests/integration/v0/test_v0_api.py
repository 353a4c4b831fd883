"""The older API under /v0, call for call with the older shapes, through the real handlers
(genuine API Gateway events), the real LiveKit SDK against the Twirp stub and the store on
the moto server: greeting, tokens, rooms, participants, initiate, complete."""

from __future__ import annotations

import time

import jwt
import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.api_v0 import (
    CONTEXT,
    ROOM,
    complete_v0,
    initiate_v0,
    v0_agent,
    v0_complete,
    v0_get_token,
    v0_health,
    v0_initiate,
    v0_participants,
    v0_rooms,
    v0_root,
    v0_transfer,
)
from tests.support.flows import read_transfer
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name


# ---- greeting, health, tokens, rooms, participants ----------------------------------------


def test_root_and_health_answer_anyone(store_env: str) -> None:
    assert v0_root().json == {"message": "Warm Transfer API is running"}
    res = v0_health()
    assert res.status == 200 and res.json["status"] == "healthy"
    assert set(res.json) == {"status", "timestamp"}
    assert abs(res.json["timestamp"] - time.time()) < 60


def test_get_token_for_a_free_text_identity_creates_the_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    res = v0_get_token(token=tokens.service(), query={"room_name": ROOM, "identity": "Agent A"})
    assert res.status == 200, res.body
    assert set(res.json) == {"accessToken"}
    claims = jwt.decode(res.json["accessToken"], API_SECRET, algorithms=["HS256"], issuer=API_KEY)
    assert (claims["sub"], claims["name"], claims["video"]["room"]) == ("Agent A", "Agent A", ROOM)
    assert ROOM in livekit.rooms
    # Again: the room exists and stays as it is.
    again = v0_get_token(token=tokens.service(), query={"room_name": ROOM, "identity": "Agent A"})
    assert again.status == 200 and list(livekit.rooms) == [ROOM]


@pytest.mark.parametrize(
    "query",
    [
        {"room_name": ROOM},  # identity missing
        {"room_name": ROOM, "identity": "x" * 129},
        {"room_name": ROOM, "identity": "Agent\nA"},
        {"room_name": ROOM, "identity": "   "},
        {"room_name": "a room with spaces", "identity": "Agent A"},
    ],
)
def test_get_token_refuses_bad_input(
    livekit: LiveKitStub, tokens: Tokens, query: dict[str, str]
) -> None:
    res = v0_get_token(token=tokens.service(), query=query)
    assert res.status == 422 and res.headers["content-type"] == PROBLEM
    assert livekit.rooms == {}


def test_an_agent_gets_no_token_for_a_room_of_no_transfer(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    res = v0_get_token(token=tokens.agent("alice"), query={"room_name": ROOM, "identity": "alice"})
    assert res.status == 403 and res.headers["content-type"] == PROBLEM
    assert livekit.rooms == {}  # refused before anything was created
    assert v0_get_token(token=None, query={"room_name": ROOM, "identity": "a"}).status == 401


def test_rooms_and_participants(livekit: LiveKitStub, tokens: Tokens) -> None:
    livekit.add_participant(ROOM, "Customer")
    livekit.add_participant(ROOM, "Agent A")
    res = v0_rooms(token=tokens.service())
    assert res.status == 200, res.body
    (room,) = res.json["rooms"]
    assert set(room) == {"name", "sid", "num_participants", "creation_time"}
    assert (room["name"], room["num_participants"]) == (ROOM, 2)
    assert room["creation_time"] == livekit.rooms[ROOM].info.creation_time
    people = v0_participants(token=tokens.service(), query={"room_name": ROOM})
    assert people.status == 200, people.body
    assert people.json["room"] == ROOM
    assert sorted(p["identity"] for p in people.json["participants"]) == ["Agent A", "Customer"]
    assert set(people.json["participants"][0]) == {"identity", "name", "metadata"}
    # A room nobody opened: nobody in it, not an error.
    empty = v0_participants(token=tokens.service(), query={"room_name": "nowhere"})
    assert (empty.status, empty.json) == (200, {"room": "nowhere", "participants": []})


# ---- initiate -----------------------------------------------------------------------------


def test_initiate_makes_a_real_transfer_with_a_briefing_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate_v0(tokens, agent_a_identity="Agent A")
    assert set(made) == {"summary", "id", "room_name", "agent_a_identity", "briefing_room_name"}
    assert "ORD-5521" in made["summary"]
    assert (made["room_name"], made["agent_a_identity"]) == (ROOM, "Agent A")
    assert made["briefing_room_name"] == f"consult-{made['id']}"
    assert made["briefing_room_name"] in livekit.rooms  # created
    transfer = read_transfer(tokens, made["id"])  # the new API sees the same transfer
    assert (transfer["status"], transfer["caller_room"]) == ("initiated", ROOM)
    # A service is recorded as the initiator (history), never as an agent (issue 24, 10).
    assert (transfer["from_identity"], transfer["from_agent"]) == ("Agent A", None)
    assert transfer["history"][0]["by"] == "voice-pipeline"
    assert transfer["consult_room"] == made["briefing_room_name"]


def test_initiate_without_a_room_names_no_briefing_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate_v0(tokens, room=None)
    assert (made["room_name"], made["briefing_room_name"], made["agent_a_identity"]) == (
        None,
        None,
        None,
    )
    assert read_transfer(tokens, made["id"])["caller_room"] is None


def test_initiate_refuses_bad_input_and_agent_chosen_rooms(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    svc = tokens.service()
    for body in ({}, {"call_context": ""}, {"call_context": "x", "extra": 1}):
        res = v0_initiate(body, token=svc)
        assert res.status == 422 and res.headers["content-type"] == PROBLEM, body
    # An agent never names the caller's room it would then be let into.
    res = v0_initiate({"call_context": CONTEXT, "room_name": ROOM}, token=tokens.agent("alice"))
    assert res.status == 403 and "room_name" in res.json["detail"]
    assert v0_initiate({"call_context": CONTEXT}, token=tokens.agent("alice")).status == 200
    assert v0_initiate({"call_context": CONTEXT}, token=tokens.supervisor()).status == 403


# ---- complete -----------------------------------------------------------------------------


def test_complete_removes_agent_a_records_agent_b_and_completes(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate_v0(tokens, agent_a_identity="Agent A")
    for who in ("Customer", "Agent A"):
        livekit.add_participant(ROOM, who)
    res = complete_v0(tokens, transfer_id=made["id"])
    assert res.status == 200, res.body
    assert res.json == {
        "success": True,
        "message": f"Transfer completed. Agent A removed from {ROOM}. "
        f"Transfer {made['id']} completed.",
    }
    assert livekit.participants(ROOM) == ["Customer"]
    assert made["briefing_room_name"] not in livekit.rooms  # the briefing room is closed
    transfer = read_transfer(tokens, made["id"])
    assert (transfer["status"], transfer["to_identity"]) == ("completed", "Agent B")
    assert transfer["media_status"]["state"] == "ok"
    assert [h["status"] for h in transfer["history"]] == ["initiated", "accepted", "completed"]
    assert v0_transfer(made["id"], token=tokens.service()).json["agent_b"] == "Agent B"
    # A retry (its answer was lost) does nothing twice and says the same.
    again = complete_v0(tokens, transfer_id=made["id"])
    assert (again.status, again.json) == (200, res.json)
    assert read_transfer(tokens, made["id"])["version"] == transfer["version"]


def test_agent_a_not_in_the_room_is_success_false_and_not_in_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate_v0(tokens, agent_a_identity="Agent A")
    livekit.add_participant(ROOM, "Customer")
    res = complete_v0(tokens, transfer_id=made["id"])
    assert res.status == 200, res.body
    assert res.json["success"] is False
    assert "Agent A was not in support-42" in res.json["message"]
    media = read_transfer(tokens, made["id"])["media_status"]
    assert (media["state"], media["step"], media["attempts"]) == ("not_in_room", "handoff", 1)
    # The retry still finds nobody to remove: the same outcome, not a made-up success.
    again = complete_v0(tokens, transfer_id=made["id"])
    assert again.json["success"] is False
    media = read_transfer(tokens, made["id"])["media_status"]
    assert (media["state"], media["attempts"]) == ("not_in_room", 2)


def test_complete_without_a_transfer_removes_agent_a(livekit: LiveKitStub, tokens: Tokens) -> None:
    livekit.add_participant(ROOM, "Agent A")
    res = complete_v0(tokens)
    assert res.json == {
        "success": True,
        "message": f"Transfer completed. Agent A removed from {ROOM}.",
    }
    assert livekit.participants(ROOM) == []
    assert complete_v0(tokens).json["success"] is False  # gone already
    # Agents name the transfer they complete.
    body = {"original_room_name": ROOM, "agent_a_identity": "alice", "agent_b_identity": "bob"}
    assert v0_complete(body, token=tokens.agent("alice")).status == 403


def test_complete_refuses_another_transfers_room_or_agent(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate_v0(tokens, agent_a_identity="Agent A")
    res = complete_v0(tokens, transfer_id=made["id"], agent_a_identity="Agent Z")
    assert res.status == 409 and res.headers["content-type"] == PROBLEM
    res = complete_v0(tokens, transfer_id=made["id"], original_room_name="other-room")
    assert res.status == 409
    assert read_transfer(tokens, made["id"])["status"] == "initiated"
    assert complete_v0(tokens, transfer_id="no-such-transfer").status == 404


def test_a_livekit_fault_is_a_problem_and_the_retry_completes(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate_v0(tokens, agent_a_identity="Agent A")
    livekit.add_participant(ROOM, "Agent A")
    livekit.fail("RemoveParticipant", 503, "unavailable")
    res = complete_v0(tokens, transfer_id=made["id"])
    assert res.status == 502 and res.headers["content-type"] == PROBLEM
    assert "RemoveParticipant" in res.json["detail"]
    assert read_transfer(tokens, made["id"])["status"] == "completed"  # the state is kept
    again = complete_v0(tokens, transfer_id=made["id"])
    assert again.json["success"] is True and livekit.participants(ROOM) == []


def test_without_livekit_the_room_calls_say_so(store_env: str, tokens: Tokens) -> None:
    svc = tokens.service()
    for res in (
        v0_get_token(token=svc, query={"room_name": ROOM, "identity": "Agent A"}),
        v0_participants(token=svc, query={"room_name": ROOM}),
        v0_rooms(token=svc),
        v0_agent("start", {"room_name": ROOM}, token=svc),
        complete_v0(tokens),
    ):
        assert res.status == 503 and res.headers["content-type"] == PROBLEM
        assert res.json["type"].endswith("livekit-not-configured")
    # A transfer still starts (offline briefing, no rooms): no briefing room to name.
    assert initiate_v0(tokens)["briefing_room_name"] is None


def test_an_agent_completes_on_v0_only_what_it_may_on_the_new_api(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = api.initiate(
        {"call_context": CONTEXT, "from_agent": "alice", "to_agent": "bob", "caller_room": ROOM},
        token=tokens.service(),
    )
    tid = made.json["transfer_id"]
    livekit.add_participant(ROOM, "alice")
    body = {
        "original_room_name": ROOM,
        "agent_a_identity": "alice",
        "agent_b_identity": "bob",
        "transfer_id": tid,
    }
    alice = tokens.agent("alice")
    early = v0_complete(body, token=alice)
    assert early.status == 409 and early.json["current_status"] == "initiated"
    assert v0_complete(body, token=tokens.agent("eve")).status == 404
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    done = v0_complete(body, token=alice)
    assert done.status == 200 and done.json["success"] is True
    assert livekit.participants(ROOM) == []
    assert read_transfer(tokens, tid)["status"] == "completed"
