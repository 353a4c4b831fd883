"""Faults between the functions and their dependencies, injected on the wire.

DynamoDB: a fault proxy in front of the moto server answers 500/503/throttling or loses
responses; the client's standard retry mode retries (counted at the proxy); when the
store stays unreachable (or the moto server is stopped) the API answers 503
problem+json with Retry-After, and no transfer is left half-written.
Groq: a briefing failure in the middle of a burst of transfers loses none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from infra.local_stack import LocalDynamoDB, create_table
from tests.conftest import REGION, TABLE
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response, TimedLambdaContext
from tests.support.fault_proxy import FaultProxy, fault_proxy
from tests.support.groq_stub import (
    VALID_BRIEFING,
    GroqStub,
    error,
    garbage,
    groq_env,
    groq_stub,
    reply_json,
)
from tests.support.tokens import Tokens

__all__ = ["fault_proxy", "groq_env", "groq_stub"]
# functions/store/table/client.py: standard retry mode, 4 attempts in all.
ATTEMPTS = 4


def open_call(tokens: Tokens, call_id: str) -> Response:
    return api.open_call({"call_id": call_id}, token=tokens.service())


def initiate(tokens: Tokens, call_id: str, key: str | None = None) -> Response:
    return api.initiate({"call_id": call_id, "to_agent": "bob"}, token=tokens.service(), key=key)


def raw_call(moto: str, call_id: str) -> dict[str, Any]:
    """The call item as stored, read past the service and the proxy."""
    db = boto3.client("dynamodb", endpoint_url=moto, region_name=REGION)
    item = db.get_item(TableName=TABLE, Key={"pk": {"S": f"CALL#{call_id}"}, "sk": {"S": "CALL"}})[
        "Item"
    ]
    return dict(item)


def assert_unavailable(res: Response) -> None:
    assert res.status == 503, res.body
    assert res.headers["content-type"] == PROBLEM
    assert int(res.headers["retry-after"]) >= 1
    assert res.json["type"].endswith(":service-unavailable")
    assert "retry" in res.json["detail"]


# ---- DynamoDB: retried faults ---------------------------------------------------------


@pytest.mark.parametrize("fault", ["500", "503", "throttle"])
def test_transient_faults_are_retried_by_the_client(
    tokens: Tokens, fault_proxy: FaultProxy, fault: Any
) -> None:
    fault_proxy.fail(fault, operation="PutItem", times=ATTEMPTS - 1)
    made = open_call(tokens, "c-retry")
    assert made.status == 201, made.body
    # Three faults, then the fourth attempt went through: retried, not failed.
    assert fault_proxy.injected["PutItem"] == ATTEMPTS - 1
    assert fault_proxy.received["PutItem"] == ATTEMPTS


def test_a_store_that_stays_down_is_a_503_with_retry_after(
    tokens: Tokens, fault_proxy: FaultProxy
) -> None:
    fault_proxy.fail("500")
    res = open_call(tokens, "c-down")
    assert_unavailable(res)
    assert fault_proxy.received["PutItem"] == ATTEMPTS  # retried, then gave up
    fault_proxy.heal()
    assert open_call(tokens, "c-down").status == 201  # nothing was half-done


def test_constant_throttling_is_a_503_too(tokens: Tokens, fault_proxy: FaultProxy) -> None:
    assert open_call(tokens, "c-1").status == 201
    fault_proxy.fail("throttle", operation="Query")
    res = api.get_call("c-1", token=tokens.service())
    assert_unavailable(res)
    assert fault_proxy.received["Query"] == ATTEMPTS


def test_a_stopped_moto_server_is_a_503(
    tokens: Tokens, store_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = LocalDynamoDB().start()
    # moto keeps its tables per process, not per server: a table of its own.
    create_table(server.endpoint_url, "warm-transfer-stopped", REGION)
    monkeypatch.setenv("DYNAMODB_ENDPOINT_URL", server.endpoint_url)
    monkeypatch.setenv("TABLE_NAME", "warm-transfer-stopped")
    get_settings.cache_clear()
    dynamodb.reset()
    assert open_call(tokens, "c-1").status == 201
    server.stop()  # the endpoint now refuses connections
    try:
        assert_unavailable(open_call(tokens, "c-2"))
        # A keyed POST too: the key cannot be claimed, so nothing runs.
        assert_unavailable(initiate(tokens, "c-1", key="k-1"))
    finally:
        dynamodb.reset()


# ---- DynamoDB: nothing half-written ---------------------------------------------------


def test_a_failed_transfer_write_leaves_neither_half(
    tokens: Tokens, fault_proxy: FaultProxy, store_env: str
) -> None:
    """The transfer and its call update are one transaction: when it cannot be written,
    neither is, and a retry with the same Idempotency-Key then makes both."""
    assert open_call(tokens, "c-tx").status == 201
    fault_proxy.fail("500", operation="TransactWriteItems")
    assert_unavailable(initiate(tokens, "c-tx", key="k-tx"))
    fault_proxy.heal()
    assert "agents" not in raw_call(store_env, "c-tx") and "last_transfer_id" not in raw_call(
        store_env, "c-tx"
    )
    assert api.transfer_ids(api.list_transfers(token=tokens.supervisor())) == []

    again = initiate(tokens, "c-tx", key="k-tx")  # the 503 released the key
    assert again.status == 201 and "idempotent-replayed" not in again.headers
    call = raw_call(store_env, "c-tx")
    assert call["last_transfer_id"]["S"] == again.json["transfer_id"]
    assert set(call["agents"]["SS"]) == {"bob"}  # the service is the initiator, not an agent


def test_a_transfer_whose_write_answer_was_lost_is_stored_once(
    tokens: Tokens, fault_proxy: FaultProxy
) -> None:
    """The transaction lands but its answer is lost; the client retries it. The transfer
    exists once, and the request answers 201 (not a 500 for the retry's failed condition)."""
    assert open_call(tokens, "c-lost").status == 201
    fault_proxy.fail("lost_response", operation="TransactWriteItems", times=1)
    res = initiate(tokens, "c-lost")
    assert res.status == 201, res.body
    assert fault_proxy.received["TransactWriteItems"] == 2
    listed = api.list_transfers(token=tokens.supervisor())
    assert api.transfer_ids(listed) == [res.json["transfer_id"]]


def test_a_move_whose_answer_was_lost_is_made_once(tokens: Tokens, fault_proxy: FaultProxy) -> None:
    """The accept's conditional write lands, its answer is lost, the client's retry fails
    the condition: the move recognises its own write and answers 200, recorded once."""
    assert open_call(tokens, "c-move").status == 201
    tid = initiate(tokens, "c-move").json["transfer_id"]
    fault_proxy.fail("lost_response", operation="UpdateItem", times=1)
    res = api.move("accept", tid, token=tokens.agent("bob"))
    assert res.status == 200, res.body
    assert res.json["status"] == "accepted" and res.json["version"] == 2
    assert [h["status"] for h in res.json["history"]] == ["initiated", "accepted"]
    # The move and its retry, then one putting bob on the call and one making him busy.
    assert fault_proxy.received["UpdateItem"] == 4


# ---- Groq: a failure in a burst ---------------------------------------------------------


def test_a_briefing_failure_in_a_burst_loses_no_transfer(
    tokens: Tokens, store_env: str, groq_env: Callable[..., GroqStub]
) -> None:
    stub = groq_env()  # after store_env, which unsets GROQ_*
    # Two good answers, then a 500, a body that is not JSON and a 429, then good again.
    stub.queue(
        "chat",
        reply_json(VALID_BRIEFING),
        reply_json(VALID_BRIEFING),
        error(500),
        garbage(),
        error(429, retry_after="0"),
        reply_json(VALID_BRIEFING),
    )
    made = []
    for n in range(6):
        assert open_call(tokens, f"burst-{n}").status == 201
        res = initiate(tokens, f"burst-{n}")
        assert res.status == 201, res.body
        made.append(res.json)
    providers = [t["briefing_provider"] for t in made]
    assert providers == ["groq", "groq", "offline", "offline", "offline", "groq"]
    assert all(t["briefing"]["spoken"] for t in made)
    listed = api.list_transfers(token=tokens.supervisor())
    assert set(api.transfer_ids(listed)) == {t["transfer_id"] for t in made}


def test_a_transaction_conflict_is_retried_and_the_briefing_kept(
    tokens: Tokens, fault_proxy: FaultProxy, groq_env: Callable[..., GroqStub]
) -> None:
    """DynamoDB cancels a transaction when another holds the call item at that moment
    (an initiate's; an append's one turn, a plain put, gets TransactionConflict): both
    are retried, neither is a 500, and the briefing Groq wrote is stored, not written
    again."""
    groq = groq_env()
    assert open_call(tokens, "c-conflict").status == 201
    fault_proxy.fail("write_conflict", operation="PutItem", times=2)
    turns = [{"speaker": "caller", "text": "I was billed twice."}]
    added = api.add_turns("c-conflict", turns, token=tokens.service())
    assert added.status == 201, added.body
    fault_proxy.fail("transaction_conflict", operation="TransactWriteItems", times=2)
    made = initiate(tokens, "c-conflict")
    assert made.status == 201, made.body
    assert made.json["briefing_provider"] == "groq"
    assert len(groq.received("chat")) == 1  # the briefing was not redone
    assert fault_proxy.injected["TransactWriteItems"] == fault_proxy.injected["PutItem"] == 2
    call = api.get_call("c-conflict", token=tokens.service()).json
    assert [t["text"] for t in call["turns"]] == ["I was billed twice."]


def test_a_conflict_that_never_clears_is_a_503_not_a_500(
    tokens: Tokens, fault_proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORE_RETRY_SECONDS", "0.5")
    get_settings.cache_clear()
    assert open_call(tokens, "c-stuck").status == 201
    fault_proxy.fail("transaction_conflict", operation="TransactWriteItems")
    fault_proxy.fail("write_conflict", operation="PutItem")
    turns = [{"speaker": "caller", "text": "hello"}]
    for res in (
        api.add_turns("c-stuck", turns, token=tokens.service()),
        initiate(tokens, "c-stuck"),
    ):
        assert res.status == 503 and res.headers["content-type"] == PROBLEM, res.body
        assert res.headers["retry-after"] == "1"
        assert res.json["type"].endswith(":service-unavailable")
        assert "concurrent writes" in res.json["detail"]


def test_a_stalled_store_answers_503_within_the_lambdas_time_and_frees_the_key(
    tokens: Tokens, fault_proxy: FaultProxy
) -> None:
    """DynamoDB stops answering mid-request. The client's attempts alone (4 x 5 s read
    timeout) would outlive a 10 s Lambda; the request's store work is bounded by the
    context's remaining time less a margin, so the function answers a 503 problem while
    it still runs, and releases its Idempotency-Key claim first: a retry then runs."""
    assert open_call(tokens, "c-stall").status == 201
    # The append's first write after the claim: the turn counter's update.
    fault_proxy.fail("stall", operation="UpdateItem", times=1)
    context = TimedLambdaContext(timeout_seconds=4)  # serverless.yml gives 10 s; 4 is quicker
    turns = [{"speaker": "caller", "text": "are you there?"}]
    res = api.add_turns("c-stall", turns, token=tokens.service(), key="k-stall", context=context)
    answered_with_ms_left = context.get_remaining_time_in_millis()
    fault_proxy.heal()
    assert_unavailable(res)
    assert answered_with_ms_left > 0  # the Lambda was still alive to send it
    again = api.add_turns("c-stall", turns, token=tokens.service(), key="k-stall")
    assert again.status == 201, again.body  # not 409 "in progress": the claim was released
    call = api.get_call("c-stall", token=tokens.service()).json
    assert [t["text"] for t in call["turns"]] == ["are you there?"]


def test_a_claim_whose_answer_was_lost_is_still_ours(
    tokens: Tokens, fault_proxy: FaultProxy
) -> None:
    """The Idempotency-Key claim (a conditional put) lands, its answer is lost and the
    client retries it: the condition fails on the request's own record. It is the
    request's claim, not another's in progress (before: a 409 to itself, then to every
    retry until the lock lapsed)."""
    fault_proxy.fail("lost_response", operation="PutItem", times=1)
    made = api.open_call({"call_id": "c-lost-claim"}, token=tokens.service(), key="k-lost")
    assert made.status == 201, made.body
    again = api.open_call({"call_id": "c-lost-claim"}, token=tokens.service(), key="k-lost")
    assert again.status == 201 and again.headers["idempotent-replayed"] == "true"
