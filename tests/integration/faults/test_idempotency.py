"""Idempotency-Key on POSTs, through the real handlers against the moto server."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import boto3
import pytest

from functions.store.table import client as dynamodb
from tests.conftest import REGION, TABLE
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import LambdaContext, Response
from tests.support.flows import open_call
from tests.support.groq_stub import GroqStub, groq_env, groq_stub, hold
from tests.support.tokens import Tokens

__all__ = ["groq_env", "groq_stub"]  # fixtures used by the tests below
pytestmark = pytest.mark.usefixtures("store_env")


@pytest.fixture
def groq(store_env: str, groq_env: Callable[..., GroqStub]) -> GroqStub:
    """The Groq stub, configured after the store (whose fixture unsets GROQ_*)."""
    return groq_env()


def turns_post(call_id: str, texts: list[str], token: str, key: str | None) -> Response:
    turns = [{"speaker": "caller", "text": t} for t in texts]
    return api.add_turns(call_id, turns, token=token, key=key)


def idempotency_item(sub: str, key: str, role: str = "service") -> dict[str, Any] | None:
    """The raw record, read past the service (as an operator would); keys are scoped by
    the caller's role and sub."""
    db = boto3.client(
        "dynamodb", endpoint_url=os.environ["DYNAMODB_ENDPOINT_URL"], region_name=REGION
    )
    got = db.get_item(
        TableName=TABLE,
        Key={"pk": {"S": f"IDEMPOTENCY#{role}#{sub}#{key}"}, "sk": {"S": "IDEMPOTENCY"}},
        ConsistentRead=True,
    )
    return got.get("Item")


@pytest.fixture
def threads() -> Iterator[ThreadPoolExecutor]:
    """Worker threads, each with its own event loop, as each Lambda container has."""
    import asyncio

    loops: list[asyncio.AbstractEventLoop] = []

    def own_loop() -> None:
        loop = asyncio.new_event_loop()
        loops.append(loop)
        asyncio.set_event_loop(loop)

    pool = ThreadPoolExecutor(max_workers=4, initializer=own_loop)
    yield pool
    pool.shutdown(wait=True)
    dynamodb.reset()  # closes each loop's client on that (idle) loop
    for loop in loops:
        loop.close()


def test_repeat_returns_the_first_response_and_does_no_work(tokens: Tokens) -> None:
    svc = tokens.service()
    first = api.open_call({"metadata": {"queue": "billing"}}, token=svc, key="k-1")
    assert first.status == 201
    assert "idempotent-replayed" not in first.headers
    again = api.open_call({"metadata": {"queue": "billing"}}, token=svc, key="k-1")
    # The server-generated call_id is the same: the repeat opened no second call.
    assert again.status == 201 and again.json == first.json
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == "application/json"

    call_id = first.json["call_id"]
    texts = ["I was charged twice.", "Please fix it."]
    added = turns_post(call_id, texts, svc, "turns-1")
    repeated = turns_post(call_id, texts, svc, "turns-1")
    assert added.status == repeated.status == 201
    assert repeated.json == added.json == {"call_id": call_id, "turns_added": 2, "last_seq": 2}
    call = api.get_call(call_id, token=svc)
    assert [t["text"] for t in call.json["turns"]] == texts  # appended once


def test_json_bodies_match_by_content_not_bytes(tokens: Tokens) -> None:
    svc = tokens.service()
    first = api.open_call('{"metadata": {"a": "1", "b": "2"}}', token=svc, key="k")
    again = api.open_call('{"metadata":{"b":"2","a":"1"}}', token=svc, key="k")
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json == first.json


def test_same_key_with_another_body_is_refused(tokens: Tokens) -> None:
    svc = tokens.service()
    first = api.open_call({"call_id": "c-1"}, token=svc, key="k-2")
    assert first.status == 201
    other = api.open_call({"call_id": "c-2"}, token=svc, key="k-2")
    assert other.status == 422
    assert other.headers["content-type"] == PROBLEM
    assert other.json["type"].endswith(":idempotency-key-reused")
    # Nothing was done for it, and the key still answers for its first request.
    assert api.get_call("c-2", token=svc).status == 404
    replay = api.open_call({"call_id": "c-1"}, token=svc, key="k-2")
    assert replay.status == 201 and replay.headers["idempotent-replayed"] == "true"


def test_keys_are_scoped_to_the_caller(tokens: Tokens) -> None:
    one, two = tokens.service("pipeline-a"), tokens.service("pipeline-b")
    a = api.open_call({"call_id": "from-a"}, token=one, key="shared-key")
    b = api.open_call({"call_id": "from-b"}, token=two, key="shared-key")
    assert a.status == b.status == 201
    assert "idempotent-replayed" not in b.headers
    assert (a.json["call_id"], b.json["call_id"]) == ("from-a", "from-b")


def test_an_error_is_not_kept_so_a_retry_runs_again(tokens: Tokens) -> None:
    svc = tokens.service()
    early = turns_post("late-call", ["hello"], svc, "k-3")
    assert early.status == 404
    assert api.open_call({"call_id": "late-call"}, token=svc).status == 201
    retried = turns_post("late-call", ["hello"], svc, "k-3")
    assert retried.status == 201 and "idempotent-replayed" not in retried.headers


@pytest.mark.parametrize("key", ["", "x" * 129, "tab\tinside", "caf\u00e9"])
def test_malformed_keys_are_refused(tokens: Tokens, key: str) -> None:
    raw = key.encode("utf-8").decode("latin-1")
    res = api.open_call({}, token=tokens.service(), headers={"Idempotency-Key": raw})
    assert res.status == 400, res.body
    assert res.headers["content-type"] == PROBLEM
    assert res.json["type"].endswith(":invalid-idempotency-key")


def test_longest_key_is_accepted(tokens: Tokens) -> None:
    res = api.open_call({}, token=tokens.service(), key="k" * 128)
    assert res.status == 201


def _open_call(tokens: Tokens, call_id: str = "call-9") -> None:
    open_call(tokens, call_id, [{"speaker": "caller", "text": "My order 4471 arrived broken."}])


def test_retried_transfer_calls_groq_once_and_stores_one_transfer(
    tokens: Tokens, groq: GroqStub
) -> None:
    _open_call(tokens)
    body = {"call_id": "call-9", "to_agent": "bob", "reason": "refund"}
    first = api.initiate(body, token=tokens.service(), key="t-1")
    again = api.initiate(body, token=tokens.service(), key="t-1")
    assert first.status == again.status == 201
    assert first.json["briefing_provider"] == "groq"
    assert again.json == first.json and again.headers["idempotent-replayed"] == "true"
    assert len(groq.received("chat")) == 1
    inbox = api.list_transfers(token=tokens.agent("bob"))
    assert api.transfer_ids(inbox) == [first.json["transfer_id"]]


def test_repeat_while_in_flight_is_409_then_replays(
    tokens: Tokens, groq: GroqStub, threads: ThreadPoolExecutor
) -> None:
    _open_call(tokens)
    gate = threading.Event()
    groq.queue("chat", hold(gate))
    body = {"call_id": "call-9", "to_agent": "bob"}
    svc = tokens.service()
    # The Lambda has 10 minutes left: its claim holds the key that long.
    context = LambdaContext(remaining_ms=600_000)
    first: Future[Response] = threads.submit(
        api.initiate, body, token=svc, key="t-2", context=context
    )
    try:
        assert groq.wait_for_request("chat")  # the first is now inside its Groq call
        record = idempotency_item("voice-pipeline", "t-2")
        assert record is not None and record["status"]["S"] == "INPROGRESS"
        # Locked for the Lambda's remaining 10 minutes; kept 24 h (the TTL attribute).
        now = time.time()
        locked_for = int(record["locked_until_ms"]["N"]) / 1000 - now
        assert 600 - 60 < locked_for <= 600
        assert abs(int(record["expires_at"]["N"]) - (now + 86_400)) < 60
        busy = api.initiate(body, token=svc, key="t-2")
        assert busy.status == 409
        assert busy.headers["content-type"] == PROBLEM and busy.headers["retry-after"] == "1"
        assert busy.json["type"].endswith(":idempotency-key-in-progress")
        assert "retry" in busy.json["detail"]
    finally:
        gate.set()
    done = first.result(timeout=30)
    assert done.status == 201
    replay = api.initiate(body, token=svc, key="t-2")
    assert replay.json == done.json and replay.headers["idempotent-replayed"] == "true"
    assert len(groq.received("chat")) == 1


def test_a_dead_lambdas_claim_expires_with_its_remaining_time(
    tokens: Tokens, groq_env: Callable[..., GroqStub], threads: ThreadPoolExecutor
) -> None:
    """A Lambda that stops mid-request (here: stuck in Groq) holds the key only for the
    time it had left; then a retry takes the key over and its answer is the one kept."""
    # Groq may take 30 s, so only the claim's 4 s lapsing can let the retry in.
    groq = groq_env(GROQ_TIMEOUT_SECONDS="30", GROQ_BRIEFING_BUDGET_SECONDS="30")
    _open_call(tokens)
    gate = threading.Event()
    groq.queue("chat", hold(gate))
    body = {"call_id": "call-9", "to_agent": "bob"}
    svc = tokens.service()
    stuck: Future[Response] = threads.submit(
        api.initiate, body, token=svc, key="t-3", context=LambdaContext(remaining_ms=4000)
    )
    try:
        assert groq.wait_for_request("chat")
        statuses = []
        taken = None
        for _ in range(100):  # the claim lapses 4 s after it was made
            taken = api.initiate(body, token=svc, key="t-3")
            statuses.append(taken.status)
            if taken.status != 409:
                break
            threading.Event().wait(0.1)
        assert taken is not None and taken.status == 201, statuses
        assert "idempotent-replayed" not in taken.headers  # it ran: it took the key over
        assert statuses[0] == 409  # held at first
    finally:
        gate.set()
    # It finished late, past its store deadline (a real Lambda would be dead by now): a
    # 503, or a 201 on a fast machine; either way its answer is not the one kept.
    assert stuck.result(timeout=30).status in (201, 503)
    replay = api.initiate(body, token=svc, key="t-3")
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json == taken.json


def test_large_response_is_stored_in_parts_and_replayed(tokens: Tokens, groq: GroqStub) -> None:
    # Random audio does not compress: ~1 MB of base64 needs several 400 KB items.
    groq.speech_audio = b"RIFF" + os.urandom(750_000)
    _open_call(tokens, "voice-1")
    body = {"call_id": "voice-1", "text": "Can you read me my balance?", "speak": True}
    svc = tokens.service()
    first = api.voice_turn(body, token=svc, key="v-1")
    assert first.status == 200, first.body
    if first.json.get("audio_base64") is None:
        pytest.skip(f"no audio in the ai-voice reply: {first.json.get('audio_unavailable_reason')}")
    again = api.voice_turn(body, token=svc, key="v-1")
    assert again.headers["idempotent-replayed"] == "true"
    assert again.body == first.body
    assert len(groq.received("speech")) == 1


def test_a_record_past_its_ttl_no_longer_holds_the_key(tokens: Tokens) -> None:
    """DynamoDB deletes expired items lazily (up to days later): a record past its TTL
    must not answer for the key, even while it is still in the table."""
    svc = tokens.service()
    assert api.open_call({"call_id": "old"}, token=svc, key="k-old").status == 201
    db = boto3.client(
        "dynamodb", endpoint_url=os.environ["DYNAMODB_ENDPOINT_URL"], region_name=REGION
    )
    db.update_item(
        TableName=TABLE,
        Key={"pk": {"S": "IDEMPOTENCY#service#voice-pipeline#k-old"}, "sk": {"S": "IDEMPOTENCY"}},
        UpdateExpression="SET expires_at = :past",
        ExpressionAttributeValues={":past": {"N": str(int(time.time()) - 1)}},
    )
    fresh = api.open_call({"call_id": "new"}, token=svc, key="k-old")
    assert fresh.status == 201 and "idempotent-replayed" not in fresh.headers
    assert fresh.json["call_id"] == "new"


def test_a_replay_is_authorised_like_the_request_itself(tokens: Tokens) -> None:
    """Keys belong to a sub under one role: the same sub under a role the route refuses
    gets the route's 403, never the stored 201."""
    body = {"call_id": "c-role"}
    assert api.open_call(body, token=tokens.mint("pipe", "service"), key="k-1").status == 201
    for role in ("agent", "supervisor"):
        res = api.open_call(body, token=tokens.mint("pipe", role), key="k-1")
        assert res.status == 403, res.body
        assert "idempotent-replayed" not in res.headers


def test_keys_are_scoped_by_role_as_well_as_sub(tokens: Tokens) -> None:
    open_call(tokens, "c-scope", agent="pipe")  # an agent transfers only a call it is on
    body = {"call_id": "c-scope", "to_agent": "bob"}
    first = api.initiate(body, token=tokens.mint("pipe", "service"), key="k-2")
    assert first.status == 201, first.body
    # The same sub as an agent (both roles may initiate): its own request, run afresh.
    second = api.initiate(body, token=tokens.mint("pipe", "agent"), key="k-2")
    assert second.status == 201 and "idempotent-replayed" not in second.headers
    assert second.json["transfer_id"] != first.json["transfer_id"]
    assert second.json["from_agent"] == "pipe"


def test_a_body_nested_too_deep_is_a_400_with_or_without_a_key(tokens: Tokens) -> None:
    deep = '{"call_id": "c-deep", "metadata": ' + "[" * 1000 + "]" * 1000 + "}"
    svc = tokens.service()
    plain = api.open_call(deep, token=svc, headers={"content-type": "application/json"})
    keyed = api.open_call(deep, token=svc, key="k-deep")
    # Python 3.11's parser gives up on 1,000 levels (400); 3.12's reads them and the model
    # refuses the list (422). Either way: a problem, the same with or without a key, no 500.
    assert plain.status == keyed.status and plain.status in (400, 422), (plain.body, keyed.body)
    for res in (plain, keyed):
        assert res.headers["content-type"] == PROBLEM, res.body
    # Nothing was claimed for good: the key still works for a proper request.
    assert api.open_call({"call_id": "c-deep"}, token=svc, key="k-deep").status == 201
