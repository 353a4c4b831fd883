"""One whole warm transfer, spoken through any transport: the deploy tests run it against
the table CloudFormation created (handlers in process) and through serverless-offline (HTTP).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tests.support.tokens import Tokens


@dataclass(frozen=True)
class Reply:
    status: int
    json: Any


class Client(Protocol):
    def __call__(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: Any = None,
        query: Mapping[str, str] | None = None,
    ) -> Reply: ...


def warm_transfer(call: Client, tokens: Tokens, call_id: str = "deploy-call-1") -> dict[str, Any]:
    """Open a call, add turns, transfer it to bob, who accepts and completes; list it.

    A second transfer of the same call is cancelled. Returns what each step returned.
    """
    svc, bob, sup = tokens.service(), tokens.agent("bob"), tokens.supervisor()
    seen: dict[str, Any] = {}

    health = call("GET", "/health")
    assert health.status == 200 and health.json["status"] == "ok", health

    made = call("POST", "/calls", token=svc, body={"call_id": call_id, "caller": {"name": "Dana"}})
    assert made.status == 201 and made.json["call_id"] == call_id, made
    turns = [
        {"speaker": "caller", "text": "I was charged twice on account AC-991.", "turn_id": "t1"},
        {"speaker": "ai", "text": "Sorry about that. Let me find help.", "turn_id": "t2"},
        {"speaker": "caller", "text": "Please, I want a person.", "turn_id": "t3"},
    ]
    added = call("POST", f"/calls/{call_id}/turns", token=svc, body={"turns": turns})
    assert added.status == 201 and added.json["last_seq"] == 3, added
    # A retry whose first answer was lost: the same turns are not stored twice.
    again = call("POST", f"/calls/{call_id}/turns", token=svc, body={"turns": turns})
    assert again == added, again
    got = call("GET", f"/calls/{call_id}", token=svc)
    assert got.status == 200 and [t["seq"] for t in got.json["turns"]] == [1, 2, 3], got

    body = {"call_id": call_id, "to_agent": "bob", "reason": "billing dispute"}
    started = call("POST", "/initiate-transfer", token=svc, body=body)
    assert started.status == 201, started
    transfer = started.json
    tid = transfer["transfer_id"]
    assert transfer["status"] == "initiated" and transfer["to_agent"] == "bob"
    assert transfer["briefing"]["customer"]["account"] == "AC-991"
    seen["initiated"] = transfer

    inbox = call("GET", "/transfers", token=bob)
    assert inbox.status == 200 and [t["transfer_id"] for t in inbox.json["items"]] == [tid], inbox
    one = call("GET", f"/transfers/{tid}", token=bob)
    assert one.status == 200 and one.json["status"] == "initiated", one

    accepted = call("POST", f"/transfers/{tid}/accept", token=bob)
    assert accepted.status == 200 and accepted.json["status"] == "accepted", accepted
    # Bob took the call: now he may read it.
    his = call("GET", f"/calls/{call_id}", token=bob)
    assert his.status == 200 and len(his.json["turns"]) == 3, his
    done = call("POST", f"/transfers/{tid}/complete", token=bob)
    assert done.status == 200 and done.json["status"] == "completed", done
    assert [h["status"] for h in done.json["history"]] == ["initiated", "accepted", "completed"]
    seen["completed"] = done.json

    again = call("POST", "/initiate-transfer", token=svc, body=body)
    assert again.status == 201, again
    other = again.json["transfer_id"]
    cancelled = call("POST", f"/transfers/{other}/cancel", token=sup)
    assert cancelled.status == 200 and cancelled.json["status"] == "cancelled", cancelled
    late = call("POST", f"/transfers/{other}/accept", token=bob)
    assert late.status == 409 and late.json["current_status"] == "cancelled", late

    moved = call("POST", f"/calls/{call_id}/assign", token=svc, body={"agent": "bob"})
    assert moved.status == 200 and moved.json["agent"] == "bob", moved

    listed = call("GET", "/transfers", token=sup, query={"status": "completed"})
    assert listed.status == 200 and [t["transfer_id"] for t in listed.json["items"]] == [tid]
    everything = call("GET", "/transfers", token=sup)
    assert [t["transfer_id"] for t in everything.json["items"]] == [other, tid], everything
    return seen
