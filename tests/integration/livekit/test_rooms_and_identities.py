"""The new API's room endpoints (participants, the AI agent by LiveKit Agent Dispatch) and
transfers that carry both agents' LiveKit identities, through the real handlers with the
real LiveKit SDK against the Twirp stub and the store on the moto server."""

from __future__ import annotations

import json
from typing import Any

import jwt

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.api_v0 import agent_says, participants, start_agent_in, stop_agent_in
from tests.support.flows import open_call, read_transfer
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
CALLER_ROOM = "call-_+15550100_Q1"


def transfer(tokens: Tokens, **extra: Any) -> dict[str, Any]:
    open_call(tokens, "call-1")
    body = {"call_id": "call-1", "from_agent": "alice", "to_agent": "bob", **extra}
    res = api.initiate({**body, "caller_room": CALLER_ROOM}, token=tokens.service())
    assert res.status == 201, res.body
    return dict(res.json)


# ---- rooms --------------------------------------------------------------------------------


def test_participants_of_a_room(livekit: LiveKitStub, tokens: Tokens) -> None:
    livekit.add_participant(CALLER_ROOM, "caller")
    for who in (tokens.service(), tokens.supervisor()):
        res = participants(CALLER_ROOM, token=who)
        assert res.status == 200, res.body
        assert res.json == {
            "room": CALLER_ROOM,
            "participants": [{"identity": "caller", "name": "", "metadata": ""}],
        }
    assert participants("closed-room", token=tokens.service()).json["participants"] == []
    # An agent: only rooms of transfers naming it, a caller's room with the transfer's id.
    made = transfer(tokens)
    alice, eve = tokens.agent("alice"), tokens.agent("eve")
    assert participants(CALLER_ROOM, token=alice).status == 403
    query = {"transfer_id": made["transfer_id"]}
    assert participants(CALLER_ROOM, token=alice, query=query).status == 200
    assert participants(CALLER_ROOM, token=eve, query=query).status == 404
    assert participants(made["consult_room"], token=tokens.agent("bob")).status == 200


def test_the_ai_agent_starts_once_speaks_and_stops(livekit: LiveKitStub, tokens: Tokens) -> None:
    svc = tokens.service()
    started = start_agent_in(CALLER_ROOM, {"identity": "Voice Bot"}, token=svc)
    assert started.status == 200, started.body
    assert started.json["dispatches"] == 1 and started.json["agent_name"] == "warm-transfer-agent"
    (create,) = livekit.calls("CreateDispatch")
    assert create.body["agentName"] == "warm-transfer-agent" and create.body["room"] == CALLER_ROOM
    # The dispatch call is signed for that room only, with roomAdmin, as LiveKit requires.
    assert create.claims is not None and create.claims["video"]["room"] == CALLER_ROOM
    # A retried start keeps the one agent.
    again = start_agent_in(CALLER_ROOM, {}, token=svc)
    assert again.json["dispatch_id"] == started.json["dispatch_id"]
    assert len(livekit.dispatches(CALLER_ROOM)) == 1
    assert [p["identity"] for p in participants(CALLER_ROOM, token=svc).json["participants"]] == [
        "Voice Bot"
    ]
    said = agent_says(CALLER_ROOM, {"text": "Please hold."}, token=svc)
    assert said.status == 200 and said.json["said"] == "Please hold."
    (message,) = livekit.data_messages
    assert message.topic == "warm-transfer.agent.say" and message.reliable
    assert json.loads(message.data) == {"type": "say", "text": "Please hold."}
    stopped = stop_agent_in(CALLER_ROOM, token=svc)
    assert stopped.status == 200 and (stopped.json["dispatches"], stopped.json["removed"]) == (0, 1)
    assert livekit.dispatches(CALLER_ROOM) == []
    assert stop_agent_in(CALLER_ROOM, token=svc).json["removed"] == 0  # nothing left: fine
    res = agent_says(CALLER_ROOM, {"text": "Anyone?"}, token=svc)
    assert res.status == 409 and res.headers["content-type"] == PROBLEM


def test_agent_endpoints_check_roles_input_and_livekit(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    assert start_agent_in(CALLER_ROOM, {}, token=tokens.supervisor()).status == 403
    assert start_agent_in(CALLER_ROOM, {}, token=tokens.agent("eve")).status == 403
    assert start_agent_in("bad room", {}, token=tokens.service()).status == 422
    assert agent_says(CALLER_ROOM, {"text": ""}, token=tokens.service()).status == 422
    livekit.fail("CreateDispatch", 503, "unavailable")
    res = start_agent_in(CALLER_ROOM, {}, token=tokens.service())
    assert res.status == 502 and "CreateDispatch" in res.json["detail"]


# ---- both agents' LiveKit identities --------------------------------------------------------


def test_identities_default_to_the_agents_ids_and_can_be_set(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = transfer(tokens, from_identity="Alice Smith")
    assert (made["from_identity"], made["to_identity"]) == ("Alice Smith", "bob")
    minted = {
        jwt.decode(t["token"], API_SECRET, algorithms=["HS256"], issuer=API_KEY)["sub"]
        for t in made["join_tokens"]
    }
    assert minted == {"Alice Smith", "bob"}
    # Alice joins the caller's room under her recorded identity (and no one else's).
    query = {"room": CALLER_ROOM, "transfer_id": made["transfer_id"]}
    res = api.join_token({**query, "identity": "Alice Smith"}, token=tokens.agent("alice"))
    assert res.status == 200 and res.json["identity"] == "Alice Smith"
    res = api.join_token({**query, "identity": "Bob"}, token=tokens.agent("alice"))
    assert res.status == 403


def test_the_transferring_agent_completes_once_accepted_and_its_identity_leaves(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    made = transfer(tokens, from_identity="Alice Smith")
    tid = made["transfer_id"]
    livekit.add_participant(CALLER_ROOM, "caller")
    livekit.add_participant(CALLER_ROOM, "Alice Smith")
    alice = tokens.agent("alice")
    early = api.move("complete", tid, token=alice)
    assert early.status == 409 and early.json["current_status"] == "initiated"
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    done = api.move("complete", tid, token=alice)
    assert done.status == 200, done.body
    assert done.json["status"] == "completed" and done.json["media_status"]["state"] == "ok"
    assert livekit.participants(CALLER_ROOM) == ["caller"]
    assert [c.body["identity"] for c in livekit.calls("RemoveParticipant")] == ["Alice Smith"]


def test_a_first_agent_already_gone_is_not_in_room_and_a_retry_is_idempotent(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    tid = transfer(tokens)["transfer_id"]
    livekit.add_participant(CALLER_ROOM, "caller")
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    done = api.move("complete", tid, token=bob)
    assert done.status == 200, done.body
    media = done.json["media_status"]
    assert (media["state"], media["step"], media["attempts"]) == ("not_in_room", "handoff", 1)
    # The client lost the answer and retries: the same outcome, no new lifecycle entry.
    again = api.move("complete", tid, token=bob)
    assert again.status == 200 and again.json["media_status"]["state"] == "not_in_room"
    assert again.json["version"] == done.json["version"]
    assert read_transfer(tokens, tid)["status"] == "completed"


def test_a_retry_after_a_failed_hand_off_that_did_remove_counts_as_done(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    tid = transfer(tokens)["transfer_id"]
    livekit.add_participant(CALLER_ROOM, "alice")
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    livekit.fail("DeleteRoom", 503, "unavailable")  # alice is removed, the consult room not
    failed = api.move("complete", tid, token=bob).json["media_status"]
    assert failed["state"] == "failed" and livekit.participants(CALLER_ROOM) == []
    ok = api.move("complete", tid, token=bob).json["media_status"]
    assert (ok["state"], ok["attempts"]) == ("ok", 2)
