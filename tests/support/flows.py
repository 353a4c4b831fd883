"""Steps many tests share, through the real handlers: open a call and transfer it, read a
transfer back."""

from __future__ import annotations

from typing import Any

from functions import create_call, get_transfer, initiate_transfer
from tests.support.apigw import invoke
from tests.support.tokens import Tokens


def open_transfer(tokens: Tokens, call_id: str, to_agent: str = "bob", **body: Any) -> str:
    """A new call `call_id` and a transfer of it to `to_agent`, by the service; its id."""
    svc = tokens.service()
    made = invoke(create_call.handler, "POST", "/calls", token=svc, body={"call_id": call_id})
    assert made.status == 201, made.body
    res = invoke(
        initiate_transfer.handler,
        "POST",
        "/initiate-transfer",
        token=svc,
        body={"call_id": call_id, "to_agent": to_agent, **body},
    )
    assert res.status == 201, res.body
    return str(res.json["transfer_id"])


def read_transfer(tokens: Tokens, transfer_id: str) -> dict[str, Any]:
    """The transfer as a supervisor sees it."""
    res = invoke(
        get_transfer.handler,
        "GET",
        f"/transfers/{transfer_id}",
        token=tokens.supervisor(),
        path_params={"transfer_id": transfer_id},
        route_path="/transfers/{transfer_id}",
    )
    assert res.status == 200, res.body
    return dict(res.json)
