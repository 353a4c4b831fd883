"""The older API (/v0) and the new room endpoints as tests call them: one function per
route, each invoking that route's real Mangum handler with its genuine API Gateway event
(as tests/support/api.py does for the rest of the API)."""

from __future__ import annotations

from typing import Any, Unpack

import functions.list_participants
import functions.room_agent_say
import functions.start_room_agent
import functions.stop_room_agent
from functions.v0 import (
    agent_say,
    ai_voice,
    complete_transfer,
    get_token,
    get_transfer,
    health,
    initiate_transfer,
    list_participants,
    list_rooms,
    list_transfers,
    root,
    start_agent,
    stop_agent,
)
from tests.support.api import Send, _send
from tests.support.apigw import Response
from tests.support.tokens import Tokens

# ---- /v0, the older shapes ------------------------------------------------------------------


def v0_root(*, token: str | None = None, **opts: Unpack[Send]) -> Response:
    """GET /v0/"""
    return _send(root.handler, "GET", "/v0/", token, **opts)


def v0_health(*, token: str | None = None, **opts: Unpack[Send]) -> Response:
    """GET /v0/health"""
    return _send(health.handler, "GET", "/v0/health", token, **opts)


def v0_get_token(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /v0/get-token (room_name, identity[, transfer_id] in `query`)"""
    return _send(get_token.handler, "GET", "/v0/get-token", token, **opts)


def v0_rooms(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /v0/rooms"""
    return _send(list_rooms.handler, "GET", "/v0/rooms", token, **opts)


def v0_participants(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /v0/participants (room_name in `query`)"""
    return _send(list_participants.handler, "GET", "/v0/participants", token, **opts)


def v0_initiate(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /v0/initiate-transfer"""
    return _send(
        initiate_transfer.handler, "POST", "/v0/initiate-transfer", token, body=body, **opts
    )


def v0_complete(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /v0/complete-transfer"""
    return _send(
        complete_transfer.handler, "POST", "/v0/complete-transfer", token, body=body, **opts
    )


def v0_transfers(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /v0/transfers (room_name, limit in `query`)"""
    return _send(list_transfers.handler, "GET", "/v0/transfers", token, **opts)


def v0_transfer(transfer_id: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /v0/transfers/{transfer_id}"""
    return _send(
        get_transfer.handler,
        "GET",
        f"/v0/transfers/{transfer_id}",
        token,
        route="/v0/transfers/{transfer_id}",
        params={"transfer_id": transfer_id},
        **opts,
    )


def v0_ai_voice(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /v0/ai-voice"""
    return _send(ai_voice.handler, "POST", "/v0/ai-voice", token, body=body, **opts)


_AGENT = {"start": start_agent.handler, "say": agent_say.handler, "stop": stop_agent.handler}


def v0_agent(verb: str, body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /v0/agent/{start|say|stop}"""
    return _send(_AGENT[verb], "POST", f"/v0/agent/{verb}", token, body=body, **opts)


# ---- the new API's room endpoints -----------------------------------------------------------


def participants(room: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /rooms/{room}/participants"""
    return _send(
        functions.list_participants.handler,
        "GET",
        f"/rooms/{room}/participants",
        token,
        route="/rooms/{room}/participants",
        params={"room": room},
        **opts,
    )


def start_agent_in(room: str, body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /rooms/{room}/agent"""
    return _send(
        functions.start_room_agent.handler,
        "POST",
        f"/rooms/{room}/agent",
        token,
        body=body,
        route="/rooms/{room}/agent",
        params={"room": room},
        **opts,
    )


def agent_says(room: str, body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /rooms/{room}/agent/say"""
    return _send(
        functions.room_agent_say.handler,
        "POST",
        f"/rooms/{room}/agent/say",
        token,
        body=body,
        route="/rooms/{room}/agent/say",
        params={"room": room},
        **opts,
    )


def stop_agent_in(room: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """DELETE /rooms/{room}/agent"""
    return _send(
        functions.stop_room_agent.handler,
        "DELETE",
        f"/rooms/{room}/agent",
        token,
        route="/rooms/{room}/agent",
        params={"room": room},
        **opts,
    )


# ---- steps the /v0 tests share (a service token, the older shapes) ----------------------------

ROOM = "support-42"
RECORD_KEYS = {"id", "room_name", "agent_a", "agent_b", "summary", "call_context", "created_at"}
CONTEXT = "Caller Dana Reyes says order ORD-5521 arrived broken and wants a refund."


def initiate_v0(tokens: Tokens, room: str | None = ROOM, **body: Any) -> dict[str, Any]:
    """POST /v0/initiate-transfer of CONTEXT in `room` by the service; asserts a 200."""
    sent = {"call_context": CONTEXT, **({"room_name": room} if room else {}), **body}
    res = v0_initiate(sent, token=tokens.service())
    assert res.status == 200, res.body
    return dict(res.json)


def complete_v0(tokens: Tokens, **body: Any) -> Response:
    """POST /v0/complete-transfer of "Agent A" to "Agent B" in ROOM by the service."""
    sent = {
        "original_room_name": ROOM,
        "agent_a_identity": "Agent A",
        "agent_b_identity": "Agent B",
    }
    return v0_complete({**sent, **body}, token=tokens.service())
