"""A queue's fallback number: a caller nobody took is transferred out (LiveKit SIP,
TransferSIPParticipant to the real SDK against the stand-in) with the transfer's id and
a short briefing in SIP headers; a far end that is busy or does not answer ends the
transfer as it would have ended without one."""

from __future__ import annotations

import asyncio

import pytest

import functions.put_queue
from functions.services import routing
from functions.store.table import client as dynamodb
from functions.store.transfers import get_transfers_repo
from tests.support import api
from tests.support.apigw import invoke
from tests.support.flows import open_call, read_transfer
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
ROOM = "call-_+15550100_out"
FALLBACK = "+15550100200"


def _waiting(tokens: Tokens, stub: LiveKitStub, call_id: str) -> str:
    res = invoke(
        functions.put_queue.handler,
        "PUT",
        "/queues/night",
        token=tokens.supervisor(),
        body={"members": ["nobody"], "max_wait_seconds": 10, "fallback_phone": FALLBACK},
        path_params={"queue": "night"},
        route_path="/queues/{queue}",
    )
    assert res.status == 200, res.body
    open_call(tokens, call_id, caller_identity="sip_caller", metadata={"caller_room": ROOM})
    stub.add_participant(ROOM, "sip_caller")
    made = api.initiate({"call_id": call_id, "to_queue": "night"}, token=tokens.service())
    assert made.status == 201, made.body
    return str(made.json["transfer_id"])


def _wait_runs_out(tid: str) -> None:
    """The queue's wait timer fires (as fire_timers would, once due)."""

    async def fire() -> None:
        item = await (await get_transfers_repo()).get(tid)
        assert item is not None
        await routing.wait_ran_out(item)

    asyncio.run(fire())
    dynamodb.reset()


def test_nobody_took_it_so_the_caller_goes_to_the_fallback_number(
    livekit: LiveKitStub, tokens: Tokens
) -> None:
    tid = _waiting(tokens, livekit, "c-out")
    _wait_runs_out(tid)
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["outcome"], seen["transferred_to"]) == (
        "completed",
        "transferred_out",
        FALLBACK,
    )
    (refer,) = livekit.calls("TransferSIPParticipant")
    assert refer.body["transferTo"] == f"tel:{FALLBACK}"
    assert refer.body["participantIdentity"] == "sip_caller" and refer.body["roomName"] == ROOM
    assert refer.body["headers"]["X-Transfer-Id"] == tid
    summary = refer.body["headers"]["X-Transfer-Summary"]
    assert summary and summary.isascii() and len(summary.encode()) <= 1024
    assert refer.claims is not None and refer.claims["sip"]["call"] is True
    assert livekit.participants(ROOM) == []  # the caller left the room for the number


@pytest.mark.parametrize("far_end", ["busy", "no_answer"])
def test_a_fallback_that_fails_ends_as_without_one(
    livekit: LiveKitStub, tokens: Tokens, far_end: str
) -> None:
    livekit.far_end = far_end
    tid = _waiting(tokens, livekit, f"c-{far_end}")
    _wait_runs_out(tid)
    seen = read_transfer(tokens, tid)
    assert (seen["status"], seen["outcome"], seen["transferred_to"]) == (
        "expired",
        "no_agent",
        None,
    )
    assert livekit.participants(ROOM) == ["sip_caller"]
