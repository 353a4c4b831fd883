"""The HTTP API as tests call it: one function per route, each invoking that route's real
Mangum handler with the genuine API Gateway event for it (route template and path
parameters included) and returning what the client receives.

Every function takes the bearer `token` (None: no Authorization header) and, through
`Send`, the options of `invoke`: extra headers, an Idempotency-Key (`key`), the query,
the event version (2: HTTP API, 1: REST API) and the Lambda context.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict, Unpack

import functions.accept_transfer
import functions.ai_voice
import functions.append_turns
import functions.assign_call
import functions.cancel_transfer
import functions.complete_transfer
import functions.create_call
import functions.create_token
import functions.get_call
import functions.get_token
import functions.get_transfer
import functions.initiate_transfer
import functions.list_rooms
import functions.list_transfers
import functions.request_callback
from tests.support.apigw import LambdaContext, Response, invoke

PROBLEM = "application/problem+json"
Move = Literal["accept", "complete", "cancel"]
MOVES: dict[Move, Any] = {
    "accept": functions.accept_transfer.handler,
    "complete": functions.complete_transfer.handler,
    "cancel": functions.cancel_transfer.handler,
}


class Send(TypedDict, total=False):
    headers: Mapping[str, str] | None
    key: str | None  # the Idempotency-Key header
    query: Mapping[str, str] | None
    version: int
    context: LambdaContext | None
    claims: Mapping[str, str] | None  # a JWT authorizer's claims (HTTP API events)


def _send(
    handler: Any,
    method: str,
    path: str,
    token: str | None,
    *,
    body: Any = None,
    route: str | None = None,
    params: Mapping[str, str] | None = None,
    **opts: Unpack[Send],
) -> Response:
    key = opts.pop("key", None)
    if key is not None:
        opts["headers"] = {**(opts.get("headers") or {}), "Idempotency-Key": key}
    return invoke(
        handler,
        method,
        path,
        token=token,
        body=body,
        path_params=params,
        route_path=route,
        **opts,
    )


def open_call(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /calls"""
    return _send(functions.create_call.handler, "POST", "/calls", token, body=body, **opts)


def add_turns(call_id: str, turns: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /calls/{call_id}/turns with `turns` as the body's turns."""
    return _send(
        functions.append_turns.handler,
        "POST",
        f"/calls/{call_id}/turns",
        token,
        body={"turns": turns},
        route="/calls/{call_id}/turns",
        params={"call_id": call_id},
        **opts,
    )


def assign_call(call_id: str, body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /calls/{call_id}/assign"""
    return _send(
        functions.assign_call.handler,
        "POST",
        f"/calls/{call_id}/assign",
        token,
        body=body,
        route="/calls/{call_id}/assign",
        params={"call_id": call_id},
        **opts,
    )


def request_callback(
    call_id: str, body: Any, *, token: str | None, **opts: Unpack[Send]
) -> Response:
    """POST /calls/{call_id}/callback"""
    return _send(
        functions.request_callback.handler,
        "POST",
        f"/calls/{call_id}/callback",
        token,
        body=body,
        route="/calls/{call_id}/callback",
        params={"call_id": call_id},
        **opts,
    )


def get_call(call_id: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /calls/{call_id}"""
    return _send(
        functions.get_call.handler,
        "GET",
        f"/calls/{call_id}",
        token,
        route="/calls/{call_id}",
        params={"call_id": call_id},
        **opts,
    )


def initiate(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /initiate-transfer"""
    return _send(
        functions.initiate_transfer.handler, "POST", "/initiate-transfer", token, body=body, **opts
    )


def move(action: Move, transfer_id: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /transfers/{transfer_id}/{accept|complete|cancel}"""
    return _send(
        MOVES[action],
        "POST",
        f"/transfers/{transfer_id}/{action}",
        token,
        route=f"/transfers/{{transfer_id}}/{action}",
        params={"transfer_id": transfer_id},
        **opts,
    )


def get_transfer(transfer_id: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /transfers/{transfer_id}"""
    return _send(
        functions.get_transfer.handler,
        "GET",
        f"/transfers/{transfer_id}",
        token,
        route="/transfers/{transfer_id}",
        params={"transfer_id": transfer_id},
        **opts,
    )


def list_transfers(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /transfers (filters and paging in `query`)"""
    return _send(functions.list_transfers.handler, "GET", "/transfers", token, **opts)


def voice_turn(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /ai-voice"""
    return _send(functions.ai_voice.handler, "POST", "/ai-voice", token, body=body, **opts)


def join_token(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /token"""
    return _send(functions.create_token.handler, "POST", "/token", token, body=body, **opts)


def legacy_token(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /get-token (room_name and identity in `query`)"""
    return _send(functions.get_token.handler, "GET", "/get-token", token, **opts)


def list_rooms(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /rooms"""
    return _send(functions.list_rooms.handler, "GET", "/rooms", token, **opts)


def transfer_ids(res: Response) -> list[str]:
    """The ids of a list page, in its order."""
    assert res.status == 200, res.body
    return [t["transfer_id"] for t in res.json["items"]]


# ---- webhooks (events) -------------------------------------------------------------------


def create_webhook(body: Any, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """POST /webhooks"""
    import functions.create_webhook

    return _send(functions.create_webhook.handler, "POST", "/webhooks", token, body=body, **opts)


def list_webhooks(*, token: str | None, **opts: Unpack[Send]) -> Response:
    """GET /webhooks"""
    import functions.list_webhooks

    return _send(functions.list_webhooks.handler, "GET", "/webhooks", token, **opts)


def delete_webhook(webhook_id: str, *, token: str | None, **opts: Unpack[Send]) -> Response:
    """DELETE /webhooks/{webhook_id}"""
    import functions.delete_webhook

    return _send(
        functions.delete_webhook.handler,
        "DELETE",
        f"/webhooks/{webhook_id}",
        token,
        route="/webhooks/{webhook_id}",
        params={"webhook_id": webhook_id},
        **opts,
    )
