"""The older API under /v0, continued: transfer records, AI voice (AsyncGroq against the
Groq stub) and the AI agent in a room, through the real handlers with genuine API Gateway
events, the LiveKit stub and the store on the moto server."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.api_v0 import (
    CONTEXT,
    RECORD_KEYS,
    ROOM,
    initiate_v0,
    v0_agent,
    v0_ai_voice,
    v0_participants,
    v0_transfer,
    v0_transfers,
)
from tests.support.groq_stub import Behaviour, GroqStub, error, groq_env, groq_stub, reply
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["groq_env", "groq_stub", "livekit"]  # fixtures, used by name


# ---- transfer records ---------------------------------------------------------------------


def test_transfers_newest_first_by_room_with_a_limit(livekit: LiveKitStub, tokens: Tokens) -> None:
    first = initiate_v0(tokens, agent_a_identity="Agent A")
    initiate_v0(tokens, room="other-room")
    last = initiate_v0(tokens, agent_a_identity="Agent C")
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
    made = initiate_v0(tokens)
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


def test_a_rooms_transfer_is_found_behind_newer_ones_of_other_rooms(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    wanted = initiate_v0(tokens)
    # More than MAX_LIST_PAGES pages of `limit + 1` items: found only because a filtered
    # list reads whole pages.
    for n in range(21):
        initiate_v0(tokens, room=f"other-{n}")
    res = v0_transfers(token=tokens.service(), query={"room_name": ROOM, "limit": "1"})
    assert [r["id"] for r in res.json["transfers"]] == [wanted["id"]]
    assert v0_transfers(token=tokens.service(), query={"room_name": "empty-room"}).json == {
        "transfers": []
    }


def test_the_older_list_has_no_cursors_and_needs_no_cursor_secret(
    livekit: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    made = initiate_v0(tokens)
    monkeypatch.delenv("CURSOR_SECRET", raising=False)
    get_settings.cache_clear()
    res = v0_transfers(token=tokens.service(), query={"room_name": ROOM})
    assert res.status == 200 and [r["id"] for r in res.json["transfers"]] == [made["id"]]
    assert api.list_transfers(token=tokens.supervisor()).status == 503  # the new API's does
