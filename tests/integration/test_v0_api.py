"""The older API under /v0, call for call with the older shapes, through the real handlers
(genuine API Gateway events), the real LiveKit SDK against the Twirp stub, the store on
the moto server and AsyncGroq against the Groq stub."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.api_v0 import (
    v0_agent,
    v0_ai_voice,
    v0_complete,
    v0_get_token,
    v0_health,
    v0_initiate,
    v0_participants,
    v0_rooms,
    v0_root,
    v0_transfer,
    v0_transfers,
)
from tests.support.flows import read_transfer
from tests.support.groq_stub import Behaviour, GroqStub, error, groq_env, groq_stub, reply
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["groq_env", "groq_stub", "livekit"]  # fixtures, used by name
ROOM = "support-42"
RECORD_KEYS = {"id", "room_name", "agent_a", "agent_b", "summary", "call_context", "created_at"}
CONTEXT = "Caller Dana Reyes says order ORD-5521 arrived broken and wants a refund."


def initiate(tokens: Tokens, room: str | None = ROOM, **body: Any) -> dict[str, Any]:
    sent = {"call_context": CONTEXT, **({"room_name": room} if room else {}), **body}
    res = v0_initiate(sent, token=tokens.service())
    assert res.status == 200, res.body
    return dict(res.json)


def complete(tokens: Tokens, **body: Any) -> Any:
    sent = {
        "original_room_name": ROOM,
        "agent_a_identity": "Agent A",
        "agent_b_identity": "Agent B",
    }
    return v0_complete({**sent, **body}, token=tokens.service())


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
    made = initiate(tokens, agent_a_identity="Agent A")
    assert set(made) == {"summary", "id", "room_name", "agent_a_identity", "briefing_room_name"}
    assert "ORD-5521" in made["summary"]
    assert (made["room_name"], made["agent_a_identity"]) == (ROOM, "Agent A")
    assert made["briefing_room_name"] == f"consult-{made['id']}"
    assert made["briefing_room_name"] in livekit.rooms  # created
    transfer = read_transfer(tokens, made["id"])  # the new API sees the same transfer
    assert (transfer["status"], transfer["caller_room"]) == ("initiated", ROOM)
    assert (transfer["from_identity"], transfer["from_agent"]) == ("Agent A", "voice-pipeline")
    assert transfer["consult_room"] == made["briefing_room_name"]


def test_initiate_without_a_room_names_no_briefing_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate(tokens, room=None)
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
    made = initiate(tokens, agent_a_identity="Agent A")
    for who in ("Customer", "Agent A"):
        livekit.add_participant(ROOM, who)
    res = complete(tokens, transfer_id=made["id"])
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
    again = complete(tokens, transfer_id=made["id"])
    assert (again.status, again.json) == (200, res.json)
    assert read_transfer(tokens, made["id"])["version"] == transfer["version"]


def test_agent_a_not_in_the_room_is_success_false_and_not_in_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate(tokens, agent_a_identity="Agent A")
    livekit.add_participant(ROOM, "Customer")
    res = complete(tokens, transfer_id=made["id"])
    assert res.status == 200, res.body
    assert res.json["success"] is False
    assert "Agent A was not in support-42" in res.json["message"]
    media = read_transfer(tokens, made["id"])["media_status"]
    assert (media["state"], media["step"], media["attempts"]) == ("not_in_room", "handoff", 1)
    # The retry still finds nobody to remove: the same outcome, not a made-up success.
    again = complete(tokens, transfer_id=made["id"])
    assert again.json["success"] is False
    media = read_transfer(tokens, made["id"])["media_status"]
    assert (media["state"], media["attempts"]) == ("not_in_room", 2)


def test_complete_without_a_transfer_removes_agent_a(livekit: LiveKitStub, tokens: Tokens) -> None:
    livekit.add_participant(ROOM, "Agent A")
    res = complete(tokens)
    assert res.json == {
        "success": True,
        "message": f"Transfer completed. Agent A removed from {ROOM}.",
    }
    assert livekit.participants(ROOM) == []
    assert complete(tokens).json["success"] is False  # gone already
    # Agents name the transfer they complete.
    body = {"original_room_name": ROOM, "agent_a_identity": "alice", "agent_b_identity": "bob"}
    assert v0_complete(body, token=tokens.agent("alice")).status == 403


def test_complete_refuses_another_transfers_room_or_agent(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate(tokens, agent_a_identity="Agent A")
    res = complete(tokens, transfer_id=made["id"], agent_a_identity="Agent Z")
    assert res.status == 409 and res.headers["content-type"] == PROBLEM
    res = complete(tokens, transfer_id=made["id"], original_room_name="other-room")
    assert res.status == 409
    assert read_transfer(tokens, made["id"])["status"] == "initiated"
    assert complete(tokens, transfer_id="no-such-transfer").status == 404


def test_a_livekit_fault_is_a_problem_and_the_retry_completes(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = initiate(tokens, agent_a_identity="Agent A")
    livekit.add_participant(ROOM, "Agent A")
    livekit.fail("RemoveParticipant", 503, "unavailable")
    res = complete(tokens, transfer_id=made["id"])
    assert res.status == 502 and res.headers["content-type"] == PROBLEM
    assert "RemoveParticipant" in res.json["detail"]
    assert read_transfer(tokens, made["id"])["status"] == "completed"  # the state is kept
    again = complete(tokens, transfer_id=made["id"])
    assert again.json["success"] is True and livekit.participants(ROOM) == []


# ---- transfer records ---------------------------------------------------------------------


def test_transfers_newest_first_by_room_with_a_limit(livekit: LiveKitStub, tokens: Tokens) -> None:
    first = initiate(tokens, agent_a_identity="Agent A")
    initiate(tokens, room="other-room")
    last = initiate(tokens, agent_a_identity="Agent C")
    res = v0_transfers(token=tokens.service(), query={"room_name": ROOM})
    assert res.status == 200, res.body
    records = res.json["transfers"]
    assert [r["id"] for r in records] == [last["id"], first["id"]]
    assert all(set(r) == RECORD_KEYS for r in records)
    record = records[1]
    assert (record["room_name"], record["agent_a"], record["agent_b"]) == (ROOM, "Agent A", None)
    assert record["call_context"] == CONTEXT and record["summary"] == first["summary"]
    assert isinstance(record["created_at"], float) and abs(record["created_at"] - time.time()) < 60
    limited = v0_transfers(token=tokens.service(), query={"room_name": ROOM, "limit": "1"})
    assert [r["id"] for r in limited.json["transfers"]] == [last["id"]]
    assert len(v0_transfers(token=tokens.supervisor()).json["transfers"]) == 3
    assert v0_transfers(token=tokens.service(), query={"limit": "0"}).status == 422


def test_one_record_and_a_404_with_detail(livekit: LiveKitStub, tokens: Tokens) -> None:
    made = initiate(tokens)
    res = v0_transfer(made["id"], token=tokens.service())
    assert res.status == 200 and set(res.json) == RECORD_KEYS
    assert (res.json["id"], res.json["agent_a"]) == (made["id"], "voice-pipeline")
    missing = v0_transfer("nope", token=tokens.service())
    assert missing.status == 404 and missing.json["detail"] == "Transfer not found"
    # An agent the transfer does not name sees nothing of it.
    assert v0_transfer(made["id"], token=tokens.agent("eve")).status == 200  # unassigned
    named = api.initiate(
        {"call_context": CONTEXT, "from_agent": "alice", "to_agent": "bob"},
        token=tokens.service(),
    ).json["transfer_id"]
    assert v0_transfer(named, token=tokens.agent("eve")).status == 404
    assert v0_transfer(named, token=tokens.agent("bob")).status == 200


# ---- AI voice -----------------------------------------------------------------------------


def test_ai_voice_answers_the_spoken_reply_as_wav(
    store_env: str, groq_env: Any, tokens: Tokens
) -> None:
    stub: GroqStub = groq_env()
    stub.queue("chat", reply("Hello! How can I help you today?"))
    res = v0_ai_voice(
        {"prompt": "Just say hello", "voice": "Celeste-PlayAI"}, token=tokens.service()
    )
    assert res.status == 200, res.body
    assert res.headers["content-type"] == "audio/wav"
    assert res.data == stub.speech_audio and res.data[:4] == b"RIFF" and len(res.data) > 1000
    (chat,) = stub.received("chat")
    assert chat.json["messages"][-1] == {"role": "user", "content": "Just say hello"}
    (speech,) = stub.received("speech")
    assert speech.json["input"] == "Hello! How can I help you today?"
    assert (speech.json["voice"], speech.json["response_format"]) == ("Celeste-PlayAI", "wav")


def test_ai_voice_without_speech_is_a_503_never_an_empty_wav(
    store_env: str, groq_env: Any, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub: GroqStub = groq_env()
    stub.always("speech", error(500))
    res = v0_ai_voice({"prompt": "Hello"}, token=tokens.service())
    assert res.status == 503 and res.headers["content-type"] == PROBLEM
    assert res.json["detail"].startswith("speech is not available")
    stub.always("speech", None)
    stub.queue("speech", Behaviour(audio=b"not audio at all"))  # a 200 that is no WAV
    res = v0_ai_voice({"prompt": "Hello"}, token=tokens.service())
    assert res.status == 503 and "not a wav file" in res.json["detail"]
    monkeypatch.delenv("GROQ_API_KEY")
    from functions.shared.settings import get_settings

    get_settings.cache_clear()
    res = v0_ai_voice({"prompt": "Hello"}, token=tokens.service())
    assert res.status == 503 and "GROQ_API_KEY" in res.json["detail"]
    assert v0_ai_voice({"prompt": ""}, token=tokens.service()).status == 422
    assert v0_ai_voice({"prompt": "Hello"}, token=tokens.agent("alice")).status == 403


# ---- the AI agent in a room ---------------------------------------------------------------


def test_agent_start_say_stop(livekit: LiveKitStub, tokens: Tokens) -> None:
    svc = tokens.service()
    room = "e2e-agent-1"
    said = v0_agent("say", {"room_name": room, "text": "Hello"}, token=svc)
    assert said.status == 409  # no agent yet
    res = v0_agent("start", {"room_name": room, "identity": "ai-agent"}, token=svc)
    assert res.json == {"success": True, "message": f"Agent started for room {room}"}
    (dispatch,) = livekit.dispatches(room)
    assert dispatch.agent_name == "warm-transfer-agent"
    assert json.loads(dispatch.metadata) == {"identity": "ai-agent"}
    people = v0_participants(token=svc, query={"room_name": room}).json["participants"]
    assert [p["identity"] for p in people] == ["ai-agent"]
    said = v0_agent("say", {"room_name": room, "text": "Hello E2E test"}, token=svc)
    assert said.json == {"success": True, "message": "Agent spoke"}
    (message,) = livekit.data_messages
    assert (message.room, message.topic, message.reliable) == (
        room,
        "warm-transfer.agent.say",
        True,
    )
    assert json.loads(message.data) == {"type": "say", "text": "Hello E2E test"}
    stopped = v0_agent("stop", {"room_name": room}, token=svc)
    assert stopped.json == {"success": True, "message": f"Agent stopped for room {room}"}
    assert livekit.dispatches(room) == [] and livekit.participants(room) == []
    # An agent acts only on rooms of its transfers.
    assert v0_agent("start", {"room_name": room}, token=tokens.agent("alice")).status == 403


def test_without_livekit_the_room_calls_say_so(store_env: str, tokens: Tokens) -> None:
    svc = tokens.service()
    for res in (
        v0_get_token(token=svc, query={"room_name": ROOM, "identity": "Agent A"}),
        v0_participants(token=svc, query={"room_name": ROOM}),
        v0_rooms(token=svc),
        v0_agent("start", {"room_name": ROOM}, token=svc),
        complete(tokens),
    ):
        assert res.status == 503 and res.headers["content-type"] == PROBLEM
        assert res.json["type"].endswith("livekit-not-configured")
    # A transfer still starts (offline briefing, no rooms): no briefing room to name.
    assert initiate(tokens)["briefing_room_name"] is None


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


def test_a_rooms_transfer_is_found_behind_newer_ones_of_other_rooms(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    wanted = initiate(tokens)
    # More than MAX_LIST_PAGES pages of `limit + 1` items: found only because a filtered
    # list reads whole pages.
    for n in range(21):
        initiate(tokens, room=f"other-{n}")
    res = v0_transfers(token=tokens.service(), query={"room_name": ROOM, "limit": "1"})
    assert [r["id"] for r in res.json["transfers"]] == [wanted["id"]]
    assert v0_transfers(token=tokens.service(), query={"room_name": "empty-room"}).json == {
        "transfers": []
    }


def test_the_older_list_has_no_cursors_and_needs_no_cursor_secret(
    livekit: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    made = initiate(tokens)
    monkeypatch.delenv("CURSOR_SECRET", raising=False)
    get_settings.cache_clear()
    res = v0_transfers(token=tokens.service(), query={"room_name": ROOM})
    assert res.status == 200 and [r["id"] for r in res.json["transfers"]] == [made["id"]]
    assert api.list_transfers(token=tokens.supervisor()).status == 503  # the new API's does
