"""An agent never chooses a LiveKit identity (issue 24, point 1): naming the caller's
identity would get it a token for the caller's room as the caller, evicting them. Through
the real handlers, the LiveKit SDK against the Twirp stand-in, the store on moto."""

from __future__ import annotations

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.api_v0 import start_agent_in
from tests.support.flows import open_call
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
CALLER_ROOM = "call-_+15550100_Z9"


def test_an_agent_naming_identities_is_refused(livekit: LiveKitStub, tokens: Tokens) -> None:
    open_call(tokens, "c-id-1", agent="alice", metadata={"caller_room": CALLER_ROOM})
    for named in ({"from_identity": "sip_caller"}, {"to_identity": "sip_caller"}):
        body = {"call_id": "c-id-1", "to_agent": "bob", **named}
        res = api.initiate(body, token=tokens.agent("alice"))
        assert res.status == 403, res.body
        assert res.headers["content-type"] == PROBLEM
    # Without naming one, alice's identity is her id.
    made = api.initiate({"call_id": "c-id-1", "to_agent": "bob"}, token=tokens.agent("alice"))
    assert made.status == 201, made.body
    assert (made.json["from_identity"], made.json["to_identity"]) == ("alice", "bob")


def test_a_service_never_names_the_callers_identity_or_one_in_the_callers_room(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    open_call(tokens, "c-id-2", caller_identity="sip_caller", metadata={"caller_room": CALLER_ROOM})
    livekit.add_participant(CALLER_ROOM, "sip_caller")
    livekit.add_participant(CALLER_ROOM, "alice-phone")
    svc = tokens.service()
    for named in ({"from_identity": "sip_caller"}, {"to_identity": "alice-phone"}):
        res = api.initiate({"call_id": "c-id-2", "to_agent": "bob", **named}, token=svc)
        assert res.status == 409, res.body
    ok = api.initiate({"call_id": "c-id-2", "to_agent": "bob", "to_identity": "Bob B"}, token=svc)
    assert ok.status == 201, ok.body
    assert livekit.participants(CALLER_ROOM) == ["alice-phone", "sip_caller"]


def test_an_agent_cannot_name_the_ai_agents_identity(livekit: LiveKitStub, tokens: Tokens) -> None:
    res = start_agent_in(CALLER_ROOM, {"identity": "sip_caller"}, token=tokens.agent("alice"))
    assert res.status == 403, res.body
