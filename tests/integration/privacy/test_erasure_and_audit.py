"""Erasure (DELETE /calls/{id}) and the audit of reads (GET /calls/{id}/audit), through the
handlers and the store on moto: what an erased call leaves (a tombstone, no content, in any
item of the table), that it is idempotent and final (410), that a concurrent append or
transfer cannot bring content back, and that 50 concurrent reads are 50 audit records."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest

import functions.erase_call
import functions.get_call_audit
from functions.domain.actor import Actor
from functions.domain.models import Role
from functions.domain.models.call import AppendTurnsRequest, TurnIn
from functions.services import calls as call_service
from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from infra.local_stack import LOCAL_CREDENTIALS
from tests.support import api
from tests.support.apigw import invoke
from tests.support.flows import open_call
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.tokens import Tokens

__all__ = ["livekit"]  # the fixture, used by name
SAID = "my name is Dana Reyes and my order 55123 arrived broken"
TURNS = [{"speaker": "caller", "text": SAID}, {"speaker": "ai", "text": "Sorry to hear, Dana."}]


def _erase(tokens: Tokens, call_id: str, token: str | None = None) -> Any:
    return invoke(
        functions.erase_call.handler,
        "DELETE",
        f"/calls/{call_id}",
        token=token or tokens.supervisor(),
        path_params={"call_id": call_id},
        route_path="/calls/{call_id}",
    )


def _audit(
    tokens: Tokens, call_id: str, token: str | None = None, query: dict[str, str] | None = None
) -> Any:
    return invoke(
        functions.get_call_audit.handler,
        "GET",
        f"/calls/{call_id}/audit",
        token=token or tokens.supervisor(),
        path_params={"call_id": call_id},
        route_path="/calls/{call_id}/audit",
        query=query,
    )


def _said_in(said: str, text: str) -> bool:
    """As a whole word: "55123" inside a TTL's digits, an id's hex or after a decimal point
    (a log line's time) is not what was said."""
    return re.search(rf"(?<![\w.-]){re.escape(said)}(?![\w-])", text) is not None


def _table(endpoint: str) -> str:
    db = boto3.client(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1", **LOCAL_CREDENTIALS
    )
    return json.dumps(db.scan(TableName=get_settings().table_name)["Items"])


def test_an_erased_call_keeps_a_tombstone_and_nothing_that_was_said(
    tokens: Tokens, store_env: str, moto_endpoint: str
) -> None:
    open_call(tokens, "c-gdpr", TURNS, caller={"name": "Dana Reyes", "phone": "+15550100"})
    made = api.initiate({"call_id": "c-gdpr", "to_agent": "bob"}, token=tokens.service())
    assert made.status == 201, made.body
    assert "55123" in json.dumps(made.json["briefing"])  # the briefing holds what was said

    erased = _erase(tokens, "c-gdpr")
    assert erased.status == 202, erased.body
    assert {k: erased.json[k] for k in ("call_id", "erased_by", "turns", "transfers")} == {
        "call_id": "c-gdpr",
        "erased_by": "sup-1",
        "turns": 2,
        "transfers": 1,
    }
    table = _table(moto_endpoint)
    for said in ("Dana", "55123", "broken", "+15550100"):
        assert not _said_in(said, table), said

    gone = api.get_call("c-gdpr", token=tokens.supervisor())
    assert gone.status == 410 and gone.json["type"].endswith("call-erased")
    transfer = api.get_transfer(made.json["transfer_id"], token=tokens.supervisor()).json
    assert transfer["briefing"]["headline"] == "[erased]" and transfer["reason"] is None
    # Idempotent: the same tombstone again (and the steps run again, harmlessly).
    again = _erase(tokens, "c-gdpr", tokens.service())
    assert again.status == 202 and again.json == erased.json
    # Nothing is added to it any more.
    late = api.add_turns(
        "c-gdpr", [{"speaker": "caller", "text": "hello?"}], token=tokens.service()
    )
    assert late.status == 410, late.body
    retry = api.initiate({"call_id": "c-gdpr", "to_agent": "bob"}, token=tokens.service())
    assert retry.status == 410, retry.body


def test_only_supervisors_and_services_erase_and_an_unknown_call_is_404(
    tokens: Tokens, store_env: str
) -> None:
    open_call(tokens, "c-mine", TURNS)
    assert _erase(tokens, "c-mine", tokens.agent("bob")).status == 403
    assert _erase(tokens, "nope").status == 404
    assert api.get_call("c-mine", token=tokens.supervisor()).status == 200


def test_an_append_racing_the_erasure_leaves_nothing(
    tokens: Tokens, store_env: str, moto_endpoint: str
) -> None:
    open_call(tokens, "c-race", TURNS)
    service = Actor("voice", Role.service)

    first_added = threading.Event()

    async def append(n: int) -> str:
        try:
            body = AppendTurnsRequest(turns=[TurnIn(speaker="caller", text=f"secret {n:03d}")])
            await call_service.append_turns("c-race", body, service)
            first_added.set()
            return "added"
        except Exception as exc:
            return type(exc).__name__

    def appends() -> list[str]:
        async def all_of() -> list[str]:
            return list(await asyncio.gather(*(append(n) for n in range(20))))

        try:
            return asyncio.run(all_of())
        finally:
            dynamodb.reset()

    def transfer(n: int) -> int:
        body = {"call_id": "c-race", "to_agent": f"agent-{n}"}
        return api.initiate(body, token=tokens.service()).status

    with ThreadPoolExecutor(4) as pool:
        racing = pool.submit(appends)
        transfers = [pool.submit(transfer, n) for n in range(3)]
        assert first_added.wait(60)  # appends are landing: erase in their midst
        erased = _erase(tokens, "c-race")
        outcomes = racing.result(timeout=120)
        started = [t.result(timeout=120) for t in transfers]
    assert erased.status == 202, erased.body
    assert set(outcomes) <= {"added", "CallErased"} and "added" in outcomes
    assert set(started) <= {201, 404, 410}  # 404: the erasure's mark landed mid-initiate
    table = _table(moto_endpoint)
    # Whatever landed before the mark was erased; nothing landed after it.
    assert not any(_said_in(said, table) for said in ("secret", "Dana", "55123"))


def test_fifty_concurrent_reads_are_fifty_audit_records_and_services_are_not_listed(
    tokens: Tokens, store_env: str
) -> None:
    open_call(tokens, "c-read", TURNS)
    made = api.initiate({"call_id": "c-read", "to_agent": "bob"}, token=tokens.service())
    tid = made.json["transfer_id"]
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200  # bob is on it
    readers = [tokens.agent("bob")] * 25 + [tokens.supervisor("sup-2")] * 25

    def read(n_token: tuple[int, str]) -> int:
        n, token = n_token
        if n % 2:
            return api.get_call("c-read", token=token).status
        return api.get_transfer(tid, token=token).status

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(read, enumerate(readers)))
    assert statuses == [200] * 50
    api.get_call("c-read", token=tokens.service())  # counted, not listed

    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": "20", **({"cursor": cursor} if cursor else {})}
        page = _audit(tokens, "c-read", query=query)
        assert page.status == 200, page.body
        items += page.json["items"]
        cursor = page.json["next_cursor"]
        if not cursor:
            break
    assert len(items) == 50
    assert {(i["who"], i["role"]) for i in items} == {("bob", "agent"), ("sup-2", "supervisor")}
    assert sorted(i["what"] for i in items).count("briefing") == 25
    assert all(i["request_id"] for i in items)
    assert [i["when"] for i in items] == sorted((i["when"] for i in items), reverse=True)
    assert _audit(tokens, "c-read", tokens.agent("bob")).status == 403


@pytest.fixture(autouse=True)
def _fresh_settings() -> None:
    get_settings.cache_clear()


def test_minting_a_room_token_is_no_read_of_the_briefing(
    tokens: Tokens, store_env: str, livekit: LiveKitStub
) -> None:
    open_call(tokens, "c-room", TURNS)
    made = api.initiate({"call_id": "c-room", "to_agent": "bob"}, token=tokens.service())
    tid, room = made.json["transfer_id"], made.json["consult_room"]
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    minted = api.join_token({"room": room, "transfer_id": tid}, token=tokens.agent("bob"))
    assert minted.status == 200, minted.body
    assert _audit(tokens, "c-room").json["items"] == []  # checked, not shown
    assert api.get_transfer(tid, token=tokens.agent("bob")).status == 200
    (read,) = _audit(tokens, "c-room").json["items"]
    assert (read["who"], read["what"], read["transfer_id"]) == ("bob", "briefing", tid)


def test_erasure_closes_the_consult_rooms_of_the_calls_transfers(
    tokens: Tokens, store_env: str, livekit: LiveKitStub
) -> None:
    open_call(tokens, "c-rooms", TURNS)
    made = api.initiate({"call_id": "c-rooms", "to_agent": "bob"}, token=tokens.service())
    room = made.json["consult_room"]
    assert room in livekit.rooms
    assert _erase(tokens, "c-rooms").status == 202
    assert room not in livekit.rooms
    assert [c.body["room"] for c in livekit.calls("DeleteRoom")] == [room]
