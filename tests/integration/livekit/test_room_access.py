"""Who gets a LiveKit token for a caller's room, through the real handlers and the real
LiveKit SDK against the Twirp stub: caller rooms come from the service side only, and
access through a transfer ends once the caller has moved on."""

from __future__ import annotations

from typing import Any

import jwt

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response
from tests.support.flows import open_call
from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
ROOM = "call-_+15550100_Ab1"


def claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, API_SECRET, algorithms=["HS256"], issuer=API_KEY)


def refused(res: Response, status: int = 403) -> bool:
    return res.status == status and res.headers["content-type"] == PROBLEM


def both_token_routes(token: str, room: str, transfer_id: str) -> list[Response]:
    """POST /token and the older GET /get-token for the same room and transfer."""
    query = {"room_name": room, "transfer_id": transfer_id}
    return [
        api.join_token({"room": room, "transfer_id": transfer_id}, token=token),
        api.legacy_token(token=token, query=query),
    ]


def test_an_agent_cannot_name_the_caller_room_it_is_then_admitted_to(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    """The attack: initiate naming any room, accept nothing, then mint for it."""
    alice = tokens.agent("alice")
    open_call(tokens, "c-1", agent="alice")  # hers, with no caller room in its metadata
    for body in (
        {"call_id": "c-1", "to_agent": "bob", "caller_room": "ceo-boardroom"},
        {"call_context": "hi", "to_agent": "bob", "caller_room": "ceo-boardroom"},
    ):
        res = api.initiate(body, token=alice)
        assert refused(res), res.body
        assert "service" in res.json["detail"]
    # Without naming a room she can transfer, but the transfer has no caller room ...
    made = api.initiate({"call_context": "hi", "to_agent": "bob"}, token=alice)
    assert made.status == 201, made.body
    assert made.json["caller_room"] is None
    # ... so no caller room of hers is admitted, by either token route.
    for res in both_token_routes(alice, "ceo-boardroom", made.json["transfer_id"]):
        assert refused(res), res.body


def test_caller_rooms_come_from_the_calls_metadata_set_by_the_service(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    svc, alice = tokens.service(), tokens.agent("alice")
    open_call(tokens, "c-1", agent="alice", metadata={"caller_room": ROOM})
    # A service naming another room than the call's is a conflict, not a silent override.
    other = api.initiate(
        {"call_id": "c-1", "from_agent": "alice", "to_agent": "bob", "caller_room": "x-1"},
        token=svc,
    )
    assert refused(other, 409) and ROOM in other.json["detail"]
    made = api.initiate({"call_id": "c-1", "to_agent": "bob"}, token=alice)
    assert made.status == 201, made.body
    tid = made.json["transfer_id"]
    assert made.json["caller_room"] == ROOM
    for res in both_token_routes(alice, ROOM, tid):
        assert res.status == 200, res.body
    # A room not bound to the transfer: refused on both routes.
    for res in both_token_routes(alice, "ceo-boardroom", tid):
        assert refused(res), res.body


def test_an_agents_display_name_is_its_id(livekit: LiveKitStub, tokens: Tokens) -> None:
    alice = tokens.agent("alice")
    open_call(tokens, "c-1", agent="alice", metadata={"caller_room": ROOM})
    tid = api.initiate({"call_id": "c-1", "to_agent": "bob"}, token=alice).json["transfer_id"]
    body = {"room": ROOM, "transfer_id": tid}
    posing = api.join_token({**body, "name": "Bank Security"}, token=alice)
    assert refused(posing), posing.body
    own = api.join_token({**body, "name": "alice"}, token=alice)
    assert own.status == 200, own.body
    plain = api.join_token(body, token=alice)
    assert claims(own.json["token"])["name"] == claims(plain.json["token"])["name"] == "alice"


def test_access_ends_when_the_caller_moves_on_by_a_later_transfer(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    svc = tokens.service()
    alice, bob, carol = tokens.agent("alice"), tokens.agent("bob"), tokens.agent("carol")
    open_call(tokens, "c-1", metadata={"caller_room": ROOM})

    def hand(from_agent: str, to_agent: str, to_token: str) -> str:
        body = {"call_id": "c-1", "from_agent": from_agent, "to_agent": to_agent}
        tid = str(api.initiate(body, token=svc).json["transfer_id"])
        for action in ("accept", "complete"):
            moved = api.move(action, tid, token=to_token)  # type: ignore[arg-type]
            assert moved.status == 200, moved.body
        return tid

    a = hand("alice", "bob", bob)
    assert all(r.status == 200 for r in both_token_routes(bob, ROOM, a))
    # The caller moves on from bob to carol: while B is open bob still has the caller.
    b = str(
        api.initiate({"call_id": "c-1", "from_agent": "bob", "to_agent": "carol"}, token=svc).json[
            "transfer_id"
        ]
    )
    assert all(r.status == 200 for r in both_token_routes(bob, ROOM, a))
    assert api.move("accept", b, token=carol).status == 200
    assert api.move("complete", b, token=carol).status == 200
    for tid in (a, b):  # neither the old transfer nor the new one admits bob now
        for res in both_token_routes(bob, ROOM, tid):
            assert refused(res), res.body
    assert all(r.status == 200 for r in both_token_routes(carol, ROOM, b))
    # A cancelled transfer left the caller with alice once; that too ends when it moves on.
    assert refused(api.join_token({"room": ROOM, "transfer_id": a}, token=alice))
