"""Steps many tests share, through the real handlers (tests/support/api.py), each asserting
that it worked: open a call, open a call and transfer it, read a transfer back."""

from __future__ import annotations

from typing import Any

from tests.support import api
from tests.support.tokens import Tokens


def open_call(tokens: Tokens, call_id: str, turns: list[Any] | None = None, **fields: Any) -> None:
    """A new call `call_id` (`fields` in its body), with `turns` appended, by the service."""
    svc = tokens.service()
    made = api.open_call({"call_id": call_id, **fields}, token=svc)
    assert made.status == 201, made.body
    if turns is not None:
        added = api.add_turns(call_id, turns, token=svc)
        assert added.status == 201, added.body


def open_transfer(tokens: Tokens, call_id: str, to_agent: str = "bob", **body: Any) -> str:
    """A new call `call_id` and a transfer of it to `to_agent`, by the service; its id."""
    open_call(tokens, call_id)
    res = api.initiate({"call_id": call_id, "to_agent": to_agent, **body}, token=tokens.service())
    assert res.status == 201, res.body
    return str(res.json["transfer_id"])


def read_transfer(tokens: Tokens, transfer_id: str) -> dict[str, Any]:
    """The transfer as a supervisor sees it."""
    res = api.get_transfer(transfer_id, token=tokens.supervisor())
    assert res.status == 200, res.body
    return dict(res.json)
