"""Dialling phones (LiveKit SIP, CreateSIPParticipant to the real SDK against the stand-in):
a transfer `to_phone`, and queue members that are phones. The dial runs in the timer
function (here: the DIAL timer fired as fire_timers would); answered, the phone is the
receiving party and the service completes the hand-off; busy, rung out or failed, the
offer ends with that outcome and the transfer moves on (or, alone, expires no_answer)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

import functions.get_queue
import functions.put_queue
import functions.set_agent_phone
from functions.services import routing
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from functions.store.transfers import get_transfers_repo
from tests.support import api
from tests.support.apigw import invoke
from tests.support.flows import open_call, read_transfer
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
ROOM = "call-_+15550100_dial"
PHONE = "+15550100300"
KEY = f"tel:{PHONE}"
IDENTITY = "phone_15550100300"


@pytest.fixture
def trunk(livekit: LiveKitStub, monkeypatch: pytest.MonkeyPatch) -> LiveKitStub:
    monkeypatch.setenv("LIVEKIT_SIP_OUTBOUND_TRUNK_ID", "ST_out")
    monkeypatch.setenv("SIP_CALLER_ID", "+15550100999")
    get_settings.cache_clear()
    return livekit


def _call(tokens: Tokens, stub: LiveKitStub, call_id: str) -> None:
    open_call(tokens, call_id, caller_identity="sip_caller", metadata={"caller_room": ROOM})
    stub.add_participant(ROOM, "sip_caller")


def _dial_timer(transfer_id: str, seq: int = 1) -> None:
    """The DIAL timer, due now, as fire_timers runs it."""
    timer = {"timer": "dial", "transfer_id": transfer_id, "seq": seq, "phone": KEY}
    asyncio.run(routing.fire({**timer, "due": clock.iso(clock.now())}))
    dynamodb.reset()


def _open_in(room: str) -> list[str]:
    async def read() -> list[str]:
        page, _ = await (await get_transfers_repo()).list_page(
            agent=None, status="initiated", limit=20, start=None, caller_room=room
        )
        return [t.transfer_id for t in page]

    found = asyncio.run(read())
    dynamodb.reset()
    return found


def _put_queue(tokens: Tokens, name: str, **settings: Any) -> dict[str, Any]:
    res = invoke(
        functions.put_queue.handler,
        "PUT",
        f"/queues/{name}",
        token=tokens.supervisor(),
        body=settings,
        path_params={"queue": name},
        route_path="/queues/{queue}",
    )
    assert res.status == 200, res.body
    return dict(res.json)


def test_a_phone_that_answers_takes_the_transfer_and_the_service_hands_over(
    trunk: LiveKitStub, tokens: Tokens
) -> None:
    _call(tokens, trunk, "c-dial")
    made = api.initiate(
        {"call_id": "c-dial", "to_phone": PHONE, "dtmf": "ww12#"}, token=tokens.service()
    )
    assert made.status == 201, made.body
    tid = made.json["transfer_id"]
    assert (made.json["to_phone"], made.json["offered_to"], made.json["step"]) == (
        PHONE,
        [KEY],
        "offered",
    )
    assert trunk.calls("CreateSIPParticipant") == []  # never inside the HTTP request

    _dial_timer(tid)
    (dial,) = trunk.calls("CreateSIPParticipant")
    consult = f"consult-{tid}"
    assert dial.body["sipTrunkId"] == "ST_out" and dial.body["sipCallTo"] == PHONE
    assert (dial.body["roomName"], dial.body["participantIdentity"]) == (consult, IDENTITY)
    assert dial.body["dtmf"] == "ww12#" and dial.body["waitUntilAnswered"] is True
    assert dial.body["sipNumber"] == "+15550100999"
    assert dial.body["ringingTimeout"] == "20s"
    assert dial.body["headers"]["X-Transfer-Id"] == tid
    assert dial.claims is not None and dial.claims["sip"]["call"] is True
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["to_agent"], seen["to_identity"]) == ("accepted", KEY, IDENTITY)
    assert [o["outcome"] for o in seen["offers"]] == ["accepted"]
    assert IDENTITY in trunk.participants(consult)
    # The voice agent is sent to speak the briefing to the phone (it has no console).
    (dispatch,) = trunk.calls("CreateDispatch")
    assert dispatch.body["room"] == consult
    assert json.loads(dispatch.body["metadata"]) == {"consult_transfer_id": tid}

    # The phone has no console: the service completes, moving the phone to the caller.
    done = api.move("complete", tid, token=tokens.service())
    assert done.status == 200, done.body
    assert done.json["status"] == "completed"
    assert IDENTITY in trunk.participants(ROOM)

    # A second delivery of the same timer dials nobody.
    _dial_timer(tid)
    assert len(trunk.calls("CreateSIPParticipant")) == 1


@pytest.mark.parametrize(
    ("phone", "sip_status"), [("busy", 486), ("no_answer", 408), ("failed", 503)]
)
def test_a_phone_that_does_not_answer_ends_its_transfer_with_the_reason(
    trunk: LiveKitStub, tokens: Tokens, phone: str, sip_status: int
) -> None:
    trunk.phone = phone
    _call(tokens, trunk, f"c-{phone}")
    made = api.initiate({"call_id": f"c-{phone}", "to_phone": PHONE}, token=tokens.service())
    assert made.status == 201, made.body
    _dial_timer(made.json["transfer_id"])
    seen = read_transfer(tokens, made.json["transfer_id"])
    assert (seen["status"], seen["outcome"]) == ("expired", "no_answer")
    (offer,) = seen["offers"]
    assert (offer["agent"], offer["outcome"], offer["sip_status"]) == (KEY, phone, sip_status)
    assert seen["offered_to"] == []


def test_without_an_outbound_trunk_dialling_is_a_503_and_nothing_is_written(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    _call(tokens, livekit, "c-notrunk")
    made = api.initiate({"call_id": "c-notrunk", "to_phone": PHONE}, token=tokens.service())
    assert made.status == 503, made.body
    assert made.json["type"].endswith("sip-not-configured")
    assert made.headers["content-type"].startswith("application/problem+json")
    assert livekit.calls("CreateRoom") == []
    assert _open_in(ROOM) == []


@pytest.mark.parametrize(
    "body",
    [
        {"to_phone": "5550100300"},
        {"to_phone": "+0123"},
        {"to_phone": PHONE, "to_agent": "bob"},
        {"to_agent": "bob", "dtmf": "12#"},
        {"to_phone": PHONE, "dtmf": "12;rm"},
    ],
)
def test_a_bad_phone_target_is_a_422(trunk: LiveKitStub, tokens: Tokens, body: dict) -> None:
    _call(tokens, trunk, "c-bad")
    made = api.initiate({"call_id": "c-bad", **body}, token=tokens.service())
    assert made.status == 422, made.body
    assert trunk.calls("CreateRoom") == []


def test_no_agent_sees_or_claims_a_transfer_to_a_phone(trunk: LiveKitStub, tokens: Tokens) -> None:
    _call(tokens, trunk, "c-claim")
    made = api.initiate({"call_id": "c-claim", "to_phone": PHONE}, token=tokens.service())
    tid = made.json["transfer_id"]
    assert api.get_transfer(tid, token=tokens.agent("mallory")).status == 404
    assert api.move("accept", tid, token=tokens.agent("mallory")).status == 404
    assert read_transfer(tokens, tid)["status"] == "initiated"


def test_a_queue_dials_its_phone_member_when_no_agent_is_free_and_not_again_after_busy(
    trunk: LiveKitStub, tokens: Tokens
) -> None:
    # bob has no console open (presence needs a socket): only the phone can be offered it.
    shown = _put_queue(
        tokens, "experts", members=["bob", {"phone": PHONE, "dtmf": "1#"}], max_wait_seconds=60
    )
    assert shown["members"] == ["bob", {"phone": PHONE, "dtmf": "1#"}]
    _call(tokens, trunk, "c-q")
    made = api.initiate({"call_id": "c-q", "to_queue": "experts"}, token=tokens.service())
    assert made.status == 201, made.body
    tid = made.json["transfer_id"]
    assert made.json["offered_to"] == [KEY]

    trunk.phone = "busy"
    _dial_timer(tid)
    (dial,) = trunk.calls("CreateSIPParticipant")
    assert dial.body["dtmf"] == "1#"
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["step"], seen["offered_to"]) == ("initiated", "dial_failed", [])
    assert [(o["agent"], o["outcome"]) for o in seen["offers"]] == [(KEY, "busy")]
    # Still waiting in the queue, and the busy phone is not dialled again for it.
    asyncio.run(routing.dispatch("experts"))
    dynamodb.reset()
    assert read_transfer(tokens, tid)["offered_to"] == []


def test_a_free_agent_is_offered_before_the_phone_even_ringing_all(
    trunk: LiveKitStub, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESENCE_REQUIRES_SOCKET", "false")
    get_settings.cache_clear()
    _put_queue(tokens, "floor", members=[{"phone": PHONE}, "bob", "carol"], strategy="ring_all")
    _call(tokens, trunk, "c-floor")
    made = api.initiate({"call_id": "c-floor", "to_queue": "floor"}, token=tokens.service())
    assert made.status == 201, made.body
    assert sorted(made.json["offered_to"]) == ["bob", "carol"]
    res = invoke(
        functions.get_queue.handler,
        "GET",
        "/queues/floor",
        token=tokens.supervisor(),
        path_params={"queue": "floor"},
        route_path="/queues/{queue}",
    )
    assert res.status == 200, res.body
    assert KEY in res.json["agents"]["available"]


def _set_phone(tokens: Tokens, agent: str, body: dict[str, Any]) -> Any:
    return invoke(
        functions.set_agent_phone.handler,
        "PUT",
        "/agents/me/phone",
        token=tokens.agent(agent),
        body=body,
        route_path="/agents/me/phone",
    )


def test_an_agent_without_a_console_is_rung_on_the_phone_it_gave(
    trunk: LiveKitStub, tokens: Tokens
) -> None:
    _put_queue(tokens, "desk", members=["bob"])
    given = _set_phone(tokens, "bob", {"phone": "+15550100301", "dtmf": "2#"})
    assert given.status == 200, given.body
    assert (given.json["phone"], given.json["status"]) == ("+15550100301", "offline")
    _call(tokens, trunk, "c-bob-phone")
    made = api.initiate({"call_id": "c-bob-phone", "to_queue": "desk"}, token=tokens.service())
    assert made.status == 201, made.body
    tid = made.json["transfer_id"]
    assert made.json["offered_to"] == ["bob"]  # offline, but reachable by phone

    timer = {"timer": "dial", "transfer_id": tid, "seq": 1, "phone": "bob"}
    asyncio.run(routing.fire({**timer, "due": clock.iso(clock.now())}))
    dynamodb.reset()
    (dial,) = trunk.calls("CreateSIPParticipant")
    assert (dial.body["sipCallTo"], dial.body["dtmf"]) == ("+15550100301", "2#")
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["to_agent"], seen["to_identity"]) == (
        "accepted",
        "bob",
        "phone_15550100301",
    )
    # bob has no console open: the service hands the caller over.
    assert api.move("complete", tid, token=tokens.service()).status == 200

    taken_back = _set_phone(tokens, "bob", {"phone": None})
    assert taken_back.status == 200 and taken_back.json["phone"] is None


def test_a_phone_cannot_be_given_without_a_trunk(livekit: LiveKitStub, tokens: Tokens) -> None:
    res = _set_phone(tokens, "bob", {"phone": "+15550100301"})
    assert res.status == 503 and res.json["type"].endswith("sip-not-configured")
    assert _set_phone(tokens, "bob", {"phone": "0123"}).status == 422


def test_a_service_completes_only_what_a_phone_took(trunk: LiveKitStub, tokens: Tokens) -> None:
    _call(tokens, trunk, "c-console")
    made = api.initiate({"call_id": "c-console", "to_agent": "bob"}, token=tokens.service())
    tid = made.json["transfer_id"]
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    refused = api.move("complete", tid, token=tokens.service())
    assert refused.status == 403, refused.body
