"""The consult room and the hand-off through the real transfer handlers, with the real
LiveKit SDK talking to the Twirp stub and the store on the moto server."""

from __future__ import annotations

import asyncio
from typing import Any

import jwt
import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from functions.store.transfers import get_transfers_repo
from tests.support import api
from tests.support.apigw import Response
from tests.support.flows import open_call, read_transfer
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
CALLER_ROOM = "call-_+15550100_Xy7"


def open_the_call(tokens: Tokens, **metadata: str) -> None:
    """The call that `start` transfers, with `metadata`."""
    open_call(tokens, "call-1", metadata=metadata)


def start(tokens: Tokens, **extra: Any) -> Response:
    body = {"call_id": "call-1", "from_agent": "alice", "to_agent": "bob", **extra}
    return api.initiate(body, token=tokens.service())


def stored_item(tid: str) -> dict[str, Any]:
    async def get() -> dict[str, Any]:
        try:
            item = await (await get_transfers_repo()).get(tid)
            assert item is not None
            return item.attributes
        finally:
            await dynamodb.close()

    # A private loop: asyncio.run() would unset the thread's loop that Mangum runs on.
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(get())
    finally:
        loop.close()


def join(token: str, body: dict[str, Any]) -> Response:
    return api.join_token(body, token=token)


def in_call(stub: LiveKitStub) -> None:
    """The caller and the first agent are in the caller's room; both agents consult."""
    stub.add_participant(CALLER_ROOM, "caller")
    stub.add_participant(CALLER_ROOM, "alice")


# ---- initiation -------------------------------------------------------------------------


def test_initiate_opens_the_consult_room_and_hands_out_tokens(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    open_the_call(tokens)
    res = start(tokens, caller_room=CALLER_ROOM)
    assert res.status == 201, res.body
    tid = res.json["transfer_id"]
    consult = f"consult-{tid}"
    assert res.json["consult_room"] == consult
    assert res.json["caller_room"] == CALLER_ROOM
    assert res.json["media_status"]["state"] == "ok"
    assert res.json["media_status"]["step"] == "open"

    created = livekit.calls("CreateRoom")
    assert [c.body for c in created] == [
        {"name": consult, "emptyTimeout": get_settings().livekit_consult_empty_timeout_seconds}
    ]
    assert created[0].claims is not None and created[0].claims["iss"] == API_KEY

    by_agent = {t["identity"]: t for t in res.json["join_tokens"]}
    assert set(by_agent) == {"alice", "bob"}
    for agent, issued in by_agent.items():
        claims = jwt.decode(issued["token"], API_SECRET, algorithms=["HS256"], issuer=API_KEY)
        assert claims["sub"] == agent
        assert claims["video"]["room"] == consult and claims["video"]["roomJoin"] is True
        assert issued["room"] == consult and issued["url"] == livekit.url

    # Tokens are in the response only: neither the API nor the table keeps them.
    assert "join_tokens" not in read_transfer(tokens, tid)
    item = stored_item(tid)
    assert "join_tokens" not in item
    assert not any(t["token"] in repr(item) for t in res.json["join_tokens"])
    assert item["consult_room"] == consult and item["caller_room"] == CALLER_ROOM


def test_caller_room_can_come_from_the_calls_metadata(livekit: LiveKitStub, tokens: Tokens) -> None:
    open_the_call(tokens, caller_room=CALLER_ROOM)
    res = start(tokens)
    assert res.status == 201, res.body
    assert res.json["caller_room"] == CALLER_ROOM


@pytest.mark.parametrize("fault", ["fail", "hang"])
def test_initiate_survives_livekit_failing(
    livekit: LiveKitStub, tokens: Tokens, fault: str
) -> None:
    open_the_call(tokens)
    getattr(livekit, fault)("CreateRoom")
    res = start(tokens, caller_room=CALLER_ROOM)
    # The transfer is started and stored anyway; the failure is on the record.
    assert res.status == 201, res.body
    status = res.json["media_status"]
    assert status["state"] == "failed" and status["step"] == "open"
    assert "CreateRoom" in status["error"]
    # LiveKit creates a room on first join, so the agents' tokens still let them consult.
    assert {t["identity"] for t in res.json["join_tokens"]} == {"alice", "bob"}
    assert read_transfer(tokens, res.json["transfer_id"])["media_status"] == status


@pytest.mark.usefixtures("store_env")
def test_without_livekit_transfers_carry_no_rooms(tokens: Tokens) -> None:
    open_the_call(tokens)
    res = start(tokens, caller_room=CALLER_ROOM)
    assert res.status == 201, res.body
    assert res.json["consult_room"] is None and res.json["caller_room"] is None
    assert res.json["media_status"] is None and res.json["join_tokens"] == []
    tid = res.json["transfer_id"]
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    done = api.move("complete", tid, token=bob)
    assert done.status == 200 and done.json["status"] == "completed"
    assert done.json["media_status"] is None


# ---- who may join which room ------------------------------------------------------------


def test_agents_join_only_the_rooms_of_their_transfers(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    open_the_call(tokens)
    tid = start(tokens, caller_room=CALLER_ROOM).json["transfer_id"]
    consult = f"consult-{tid}"
    alice, bob, carol = tokens.agent("alice"), tokens.agent("bob"), tokens.agent("carol")
    caller_room = {"room": CALLER_ROOM, "transfer_id": tid}

    assert join(bob, {"room": consult}).status == 200
    assert join(alice, {"room": consult}).status == 200
    assert join(carol, {"room": consult}).status == 404  # not hers: the transfer is hidden
    assert join(carol, caller_room).status == 404
    assert join(bob, caller_room).status == 403  # not before accepting
    assert join(alice, caller_room).status == 200  # she has the caller already
    assert join(bob, {"room": "another-room", "transfer_id": tid}).status == 403
    assert join(bob, {"room": consult, "transfer_id": "other"}).status == 400

    assert api.move("accept", tid, token=bob).status == 200
    joined = join(bob, caller_room)
    assert joined.status == 200, joined.body
    claims = jwt.decode(joined.json["token"], API_SECRET, algorithms=["HS256"], issuer=API_KEY)
    assert (claims["sub"], claims["video"]["room"]) == ("bob", CALLER_ROOM)

    assert api.move("complete", tid, token=bob).status == 200
    assert join(bob, caller_room).status == 200  # reconnecting to his caller
    assert join(alice, caller_room).status == 403  # she handed the caller over
    closed = join(bob, {"room": consult})
    assert closed.status == 403 and "closed" in closed.json["detail"]


# ---- completion and cancellation --------------------------------------------------------


def test_complete_hands_the_caller_over(livekit: LiveKitStub, tokens: Tokens) -> None:
    open_the_call(tokens)
    tid = start(tokens, caller_room=CALLER_ROOM).json["transfer_id"]
    consult = f"consult-{tid}"
    in_call(livekit)
    livekit.add_participant(consult, "alice")
    livekit.add_participant(consult, "bob")
    livekit.add_participant(CALLER_ROOM, "bob")  # joined with his caller-room token
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    assert livekit.calls("RemoveParticipant") == [] and livekit.calls("DeleteRoom") == []

    done = api.move("complete", tid, token=bob)
    assert done.status == 200, done.body
    assert done.json["status"] == "completed"
    assert done.json["media_status"]["state"] == "ok"
    assert done.json["media_status"]["step"] == "handoff"
    assert [c.body for c in livekit.calls("RemoveParticipant")] == [
        {"room": CALLER_ROOM, "identity": "alice"}
    ]
    assert [c.body for c in livekit.calls("DeleteRoom")] == [{"room": consult}]
    assert livekit.participants(CALLER_ROOM) == ["bob", "caller"]
    assert consult not in livekit.rooms
    assert read_transfer(tokens, tid)["media_status"]["state"] == "ok"
    # Done is done: the move and its media step are not repeated.
    again = api.move("complete", tid, token=bob)
    assert again.status == 409
    assert len(livekit.calls("DeleteRoom")) == 1


def accepted_in_move_mode(
    livekit: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str]:
    """An accepted transfer, the receiving agent in the consult room, LIVEKIT_HANDOFF=move."""
    monkeypatch.setenv("LIVEKIT_HANDOFF", "move")
    get_settings.cache_clear()
    open_the_call(tokens)
    tid = start(tokens, caller_room=CALLER_ROOM).json["transfer_id"]
    in_call(livekit)
    livekit.add_participant(f"consult-{tid}", "bob")
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    return tid, bob


def test_complete_by_moving_the_receiving_agent(
    livekit: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    tid, bob = accepted_in_move_mode(livekit, tokens, monkeypatch)
    consult = f"consult-{tid}"
    done = api.move("complete", tid, token=bob)
    assert done.status == 200 and done.json["media_status"]["state"] == "ok"
    assert [c.body for c in livekit.calls("MoveParticipant")] == [
        {"room": consult, "identity": "bob", "destinationRoom": CALLER_ROOM}
    ]
    assert livekit.participants(CALLER_ROOM) == ["bob", "caller"]
    assert consult not in livekit.rooms


def test_failed_move_keeps_the_first_agent_with_the_caller(
    livekit: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    tid, bob = accepted_in_move_mode(livekit, tokens, monkeypatch)
    livekit.fail("MoveParticipant", status=500, code="internal")

    done = api.move("complete", tid, token=bob)
    assert done.status == 200 and done.json["status"] == "completed"
    assert done.json["media_status"]["state"] == "failed"
    assert "MoveParticipant" in done.json["media_status"]["error"]
    assert livekit.calls("RemoveParticipant") == []  # the caller is not left alone
    assert livekit.participants(CALLER_ROOM) == ["alice", "caller"]

    retried = api.move("complete", tid, token=bob)
    assert retried.status == 200 and retried.json["media_status"]["state"] == "ok"
    assert livekit.participants(CALLER_ROOM) == ["bob", "caller"]


@pytest.mark.parametrize(
    ("method", "fault"), [("DeleteRoom", "fail"), ("RemoveParticipant", "hang")]
)
def test_media_failure_at_completion_keeps_the_state_and_can_be_retried(
    livekit: LiveKitStub, tokens: Tokens, method: str, fault: str
) -> None:
    open_the_call(tokens)
    tid = start(tokens, caller_room=CALLER_ROOM).json["transfer_id"]
    consult = f"consult-{tid}"
    in_call(livekit)
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    getattr(livekit, fault)(method)

    done = api.move("complete", tid, token=bob)
    assert done.status == 200, done.body
    assert done.json["status"] == "completed" and done.json["version"] == 3
    failed = done.json["media_status"]
    assert (failed["state"], failed["step"], failed["attempts"]) == ("failed", "handoff", 1)
    assert method in failed["error"]
    assert read_transfer(tokens, tid)["status"] == "completed"  # the state change is kept

    # Repeating the move retries only the media step: no new lifecycle entry.
    retried = api.move("complete", tid, token=bob)
    assert retried.status == 200, retried.body
    ok = retried.json["media_status"]
    assert (ok["state"], ok["step"], ok["attempts"], ok["error"]) == ("ok", "handoff", 2, None)
    assert retried.json["version"] == 3
    assert [h["status"] for h in retried.json["history"]] == ["initiated", "accepted", "completed"]
    assert livekit.participants(CALLER_ROOM) == ["caller"]
    assert consult not in livekit.rooms
    # With the hand-off done there is nothing left to retry, for either agent: a 409.
    assert api.move("complete", tid, token=tokens.agent("alice")).status == 409


def test_cancel_closes_the_consult_room(livekit: LiveKitStub, tokens: Tokens) -> None:
    open_the_call(tokens)
    tid = start(tokens, caller_room=CALLER_ROOM).json["transfer_id"]
    consult = f"consult-{tid}"
    in_call(livekit)
    done = api.move("cancel", tid, token=tokens.supervisor())
    assert done.status == 200, done.body
    assert done.json["status"] == "cancelled"
    assert (done.json["media_status"]["state"], done.json["media_status"]["step"]) == (
        "ok",
        "close",
    )
    assert [c.body for c in livekit.calls("DeleteRoom")] == [{"room": consult}]
    assert livekit.calls("RemoveParticipant") == []  # the caller stays with the first agent
    assert livekit.participants(CALLER_ROOM) == ["alice", "caller"]
    # ... who may still rejoin the caller's room; the consult room is closed.
    alice = tokens.agent("alice")
    assert join(alice, {"room": CALLER_ROOM, "transfer_id": tid}).status == 200
    assert join(alice, {"room": consult}).status == 403


@pytest.mark.parametrize("fault", ["fail", "hang"])
def test_media_failure_at_cancel_can_be_retried(
    livekit: LiveKitStub, tokens: Tokens, fault: str
) -> None:
    open_the_call(tokens)
    tid = start(tokens, caller_room=CALLER_ROOM).json["transfer_id"]
    alice = tokens.agent("alice")
    getattr(livekit, fault)("DeleteRoom")
    done = api.move("cancel", tid, token=alice)
    assert done.status == 200 and done.json["status"] == "cancelled"
    assert done.json["media_status"]["state"] == "failed"
    assert f"consult-{tid}" in livekit.rooms

    retried = api.move("cancel", tid, token=alice)
    assert retried.status == 200 and retried.json["media_status"]["state"] == "ok"
    assert f"consult-{tid}" not in livekit.rooms
    assert len(livekit.calls("DeleteRoom")) == 2
    assert api.move("cancel", tid, token=alice).status == 409


# ---- tokens are never kept, not even for idempotent replays -------------------------------


def table_dump(endpoint: str) -> str:
    """Everything the table holds, as text (a test may scan; the service never does)."""
    import boto3

    from tests.conftest import REGION, TABLE

    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    return repr(client.scan(TableName=TABLE)["Items"])


def test_an_idempotent_replay_leaves_the_join_tokens_out(
    livekit: LiveKitStub, tokens: Tokens, store_env: str
) -> None:
    open_the_call(tokens)
    body = {"call_id": "call-1", "from_agent": "alice", "to_agent": "bob"}

    def send() -> Response:
        return api.initiate(body, token=tokens.service(), key="initiate-once")

    first, again = send(), send()
    assert first.status == again.status == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert len(first.json["join_tokens"]) == 2
    assert again.json["join_tokens"] == []
    assert again.json["transfer_id"] == first.json["transfer_id"]
    assert len(livekit.calls("CreateRoom")) == 1
    dump = table_dump(store_env)
    assert "IDEMPOTENCY#" in dump
    assert not any(t["token"] in dump for t in first.json["join_tokens"])


def test_minting_a_token_keeps_nothing_even_with_a_key(
    livekit: LiveKitStub, tokens: Tokens, store_env: str
) -> None:
    res = api.join_token(
        {"room": CALLER_ROOM, "identity": "caller-1"}, token=tokens.service(), key="mint-1"
    )
    assert res.status == 200, res.body
    assert "idempotent-replayed" not in res.headers
    dump = table_dump(store_env)
    assert res.json["token"] not in dump and "IDEMPOTENCY#" not in dump
