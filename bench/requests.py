"""Requests per step of one whole transfer: the DynamoDB, SQS and WebSocket-management
calls each step makes, with the capacity units DynamoDB would bill for them on demand.

The real handlers run in this process, fed genuine API Gateway, stream and SQS events,
against a moto server over HTTP, the local WebSocket Management API, a webhook receiver
and the LiveKit stub. Every AWS call the functions make goes through aiobotocore's
`_make_api_call`; a bench-only wrapper of it records each call under the current step.
(The stream is read with plain boto3, outside the count, as Lambda's poller would be.)

Capacity units follow DynamoDB's published sizing rules, computed from the items on the
wire: a write is 1 WCU per KB of the item (at least 1; an update or delete whose item is
not returned counts 1), a transactional one twice; a read is 1 RCU per 4 KB strongly
consistent, half that eventually consistent, a Query summing its items before rounding,
a transactional read twice. moto's own ConsumedCapacity is a constant, so it is not used.
Writes to the global secondary indexes are a column of their own, estimated from the
index keys each write holds or names (`_touched`).

    python -m bench requests
"""

from __future__ import annotations

import contextlib
import functools
import math
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

STEPS = (
    "call created",
    "20 turns appended",
    "initiate",
    "get",
    "list",
    "accept",
    "token",
    "complete",
    "stream events",
    "webhook delivery",
)
TURNS = 20


@dataclass
class Step:
    calls: Counter[str] = field(default_factory=Counter)
    rcu: float = 0.0
    wcu: float = 0.0
    gsi_writes: float = 0.0  # index writes the base writes cause (an estimate: see _gsi_writes)
    invocations: Counter[str] = field(default_factory=Counter)  # by function
    ms: Counter[str] = field(default_factory=Counter)  # handler wall time, by function
    log_bytes: int = 0  # what the functions wrote to stdout (CloudWatch Logs ingests it)

    def total(self, service: str) -> int:
        return sum(n for op, n in self.calls.items() if op.startswith(service + "."))


@dataclass
class Recorder:
    steps: dict[str, Step] = field(default_factory=dict)
    current: str | None = None
    written: Callable[[], int] = lambda: 0  # bytes written to stdout so far (bench cost)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.current = name
        step = self.steps.setdefault(name, Step())
        before = self.written()
        try:
            yield
        finally:
            step.log_bytes += self.written() - before
            self.current = None

    @contextlib.contextmanager
    def timed(self, function: str) -> Iterator[None]:
        """One invocation of `function` in the current step, its wall time kept."""
        assert self.current is not None
        start = time.perf_counter()
        try:
            yield
        finally:
            step = self.steps[self.current]
            step.invocations[function] += 1
            step.ms[function] += (time.perf_counter() - start) * 1000

    def record(self, service: str, op: str, params: dict[str, Any], out: dict[str, Any]) -> None:
        if self.current is None:
            return
        step = self.steps[self.current]
        step.calls[f"{service}.{op}"] += 1
        if service == "dynamodb":
            rcu, wcu = capacity(op, params, out)
            step.rcu += rcu
            step.wcu += wcu
            step.gsi_writes += _gsi_writes(op, params)


def _value_size(value: dict[str, Any]) -> int:
    """Bytes of one attribute value as DynamoDB sizes it (approximately for numbers)."""
    (kind, raw), *_ = value.items()
    if kind == "S":
        return len(raw.encode())
    if kind == "N":
        return len(raw.lstrip("-").replace(".", "")) // 2 + 1
    if kind == "B":
        return len(raw) if isinstance(raw, bytes) else len(raw.encode())
    if kind in ("BOOL", "NULL"):
        return 1
    if kind in ("SS", "NS", "BS"):
        return sum(_value_size({kind[0]: v}) for v in raw)
    if kind == "L":
        return 3 + sum(1 + _value_size(v) for v in raw)
    if kind == "M":
        return 3 + item_size(raw)
    return 0


def item_size(item: dict[str, Any]) -> int:
    return sum(len(name.encode()) + _value_size(v) for name, v in item.items())


def _write_units(item: dict[str, Any] | None) -> float:
    return float(max(1, math.ceil(item_size(item) / 1024))) if item else 1.0


def _read_units(size: int, consistent: bool) -> float:
    units = max(1, math.ceil(size / 4096))
    return float(units) if consistent else units / 2


def capacity(op: str, params: dict[str, Any], out: dict[str, Any]) -> tuple[float, float]:
    """(RCU, WCU) one DynamoDB call is billed, from the items sent and received."""
    consistent = bool(params.get("ConsistentRead"))
    if op == "GetItem":
        return _read_units(item_size(out.get("Item", {})), consistent), 0.0
    if op in ("Query", "Scan"):
        size = sum(item_size(i) for i in out.get("Items", []))
        return _read_units(size, consistent), 0.0
    if op == "BatchGetItem":
        rcu = 0.0
        for table, items in out.get("Responses", {}).items():
            strong = bool(params["RequestItems"][table].get("ConsistentRead"))
            rcu += sum(_read_units(item_size(i), strong) for i in items)
        return rcu, 0.0
    if op == "TransactGetItems":
        return sum(
            2 * _read_units(item_size(r.get("Item", {})), True) for r in out.get("Responses", [])
        ), 0.0
    if op == "PutItem":
        return 0.0, _write_units(params["Item"])
    if op in ("UpdateItem", "DeleteItem"):
        return 0.0, _write_units(out.get("Attributes"))
    if op == "BatchWriteItem":
        writes = [w for ws in params["RequestItems"].values() for w in ws]
        return 0.0, sum(_write_units(w.get("PutRequest", {}).get("Item")) for w in writes)
    if op == "TransactWriteItems":
        wcu = 0.0
        for entry in params["TransactItems"]:
            wcu += 2 * _write_units(entry.get("Put", {}).get("Item"))
        return 0.0, wcu
    return 0.0, 0.0


@contextlib.contextmanager
def counting(recorder: Recorder) -> Iterator[Recorder]:
    """Within the block, every aiobotocore call of this process is recorded."""
    undo = _hook(recorder)
    try:
        yield recorder
    finally:
        undo()


# The index hash keys of infra/dynamodb-table.json: an item holding one is in that index.
INDEX_KEYS = ("agent_pk", "status_pk", "kind_pk", "socket_pk", "queue_pk")


def _touched(write: dict[str, Any]) -> int:
    """Indexes one write changes: those whose key its item holds (a put) or its update
    expression names. An estimate: an update of a projected attribute alone is missed,
    and a changed index key (a delete and a put there) is counted once."""
    if "Item" in write:
        return sum(k in write["Item"] for k in INDEX_KEYS)
    text = (
        write.get("UpdateExpression", "")
        + " "
        + " ".join((write.get("ExpressionAttributeNames") or {}).values())
    )
    return sum(k in text for k in INDEX_KEYS)


def _gsi_writes(op: str, params: dict[str, Any]) -> float:
    if op in ("PutItem", "UpdateItem"):
        return float(_touched(params))
    if op == "TransactWriteItems":
        entries = [e.get("Put") or e.get("Update") or {} for e in params["TransactItems"]]
        return float(sum(_touched(e) for e in entries))
    if op == "BatchWriteItem":
        puts = [w.get("PutRequest", {}) for ws in params["RequestItems"].values() for w in ws]
        return float(sum(_touched(p) for p in puts))
    return 0.0


def _hook(recorder: Recorder) -> Callable[[], None]:
    """Wrap aiobotocore's one door for every API call; returns the undo."""
    from aiobotocore.client import AioBaseClient

    original = AioBaseClient._make_api_call

    @functools.wraps(original)
    async def counted(self: Any, operation: str, params: dict[str, Any]) -> Any:
        service = self.meta.service_model.service_name
        try:
            out = await original(self, operation, params)
        except Exception as exc:  # a refused conditional write is billed too
            recorder.record(service, operation, params, getattr(exc, "response", {}) or {})
            raise
        recorder.record(service, operation, params, out)
        return out

    AioBaseClient._make_api_call = counted  # type: ignore[method-assign]
    return lambda: setattr(AioBaseClient, "_make_api_call", original)


@contextlib.contextmanager
def local_stack() -> Iterator[tuple[Any, Any, Any]]:
    """The functions' surroundings in this process: moto over HTTP with the table, the
    local WebSocket Management API and SQS (no pollers: the bench invokes), a webhook
    receiver subscribed to every event, the LiveKit stub; yields (stack, receiver, tokens)."""
    import pytest

    from functions.shared.settings import get_settings
    from infra.local_stack import LocalDynamoDB, create_table
    from tests.support import api
    from tests.support.events_stack import events_stack, webhook_receiver
    from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub
    from tests.support.store_settings import use_table
    from tests.support.tokens import Tokens

    secret, table, region = "bench-secret-0123456789abcdef0123456789", "bench-requests", "us-east-1"
    tokens = Tokens(secret)
    server = LocalDynamoDB().start()
    env = pytest.MonkeyPatch()
    try:
        create_table(server.endpoint_url, table, region)
        env.setenv("AWS_DEFAULT_REGION", region)
        use_table(env, endpoint=server.endpoint_url, table=table, region=region, secret=secret)
        with (
            events_stack(server.endpoint_url, env, pollers=False) as stack,
            webhook_receiver() as receiver,
            LiveKitStub() as livekit,
        ):
            for key, value in {
                "LIVEKIT_URL": livekit.url,
                "LIVEKIT_API_KEY": API_KEY,
                "LIVEKIT_API_SECRET": API_SECRET,
            }.items():
                env.setenv(key, value)
            get_settings.cache_clear()
            hook = api.create_webhook({"url": receiver.url}, token=tokens.supervisor())
            assert hook.status == 201, hook.body
            yield stack, receiver, tokens
    finally:
        env.undo()
        server.stop()


def measure(written: Callable[[], int] = lambda: 0) -> dict[str, Step]:
    """One transfer end to end, each step's AWS calls recorded."""
    recorder = Recorder(written=written)
    with local_stack() as (stack, receiver, tokens):
        socket = stack.socket(tokens.agent("bob"))  # one agent's console listening
        try:
            # The first transfer warms clients and imports; the second is counted.
            for n, rec in enumerate((Recorder(), recorder)):
                _one_transfer(n, rec, stack, receiver, tokens)
                assert socket.next()["id"]
        finally:
            socket.close()
    return recorder.steps


def _one_transfer(n: int, recorder: Recorder, stack: Any, receiver: Any, tokens: Any) -> None:
    """Every step of one transfer through the real handlers, counted into `recorder`."""
    import functions.count_transfers
    import functions.deliver_webhooks
    import functions.publish_events
    from functions.shared.settings import get_settings
    from infra.lambda_invoke import Context
    from infra.queue_source import lambda_sqs_record
    from tests.support import api

    svc, bob, sup = tokens.service(), tokens.agent("bob"), tokens.supervisor()
    call_id, room = f"c-{n}", f"call-bench-{n}"
    seen = len(stack.stream_records())
    with counting(recorder):
        with recorder.step("call created"), recorder.timed("create_call"):
            body = {"call_id": call_id, "agent": "alice", "metadata": {"caller_room": room}}
            made = api.open_call(body, token=svc)
            assert made.status == 201, made.body
        with recorder.step("20 turns appended"):
            for k in range(TURNS):
                turn = {"speaker": "caller" if k % 2 else "agent", "text": f"Line {k}."}
                with recorder.timed("append_turns"):
                    added = api.add_turns(call_id, [turn], token=svc)
                assert added.status == 201, added.body
        with recorder.step("initiate"), recorder.timed("initiate_transfer"):
            res = api.initiate({"call_id": call_id, "to_agent": "bob"}, token=svc)
            assert res.status == 201, res.body
            tid = res.json["transfer_id"]
        with recorder.step("get"), recorder.timed("get_transfer"):
            assert api.get_transfer(tid, token=sup).status == 200
        with recorder.step("list"), recorder.timed("list_transfers"):
            assert tid in api.transfer_ids(api.list_transfers(token=sup))
        with recorder.step("accept"), recorder.timed("accept_transfer"):
            assert api.move("accept", tid, token=bob).status == 200
        with recorder.step("token"), recorder.timed("create_token"):
            got = api.join_token({"room": room, "transfer_id": tid}, token=bob)
            assert got.status == 200, got.body
        with recorder.step("complete"), recorder.timed("complete_transfer"):
            assert api.move("complete", tid, token=bob).status == 200
        batch = {"Records": stack.stream_records()[seen:]}
        with recorder.step("stream events"):
            with recorder.timed("publish_events"):
                out = functions.publish_events.handler(batch, Context("publish_events"))
            assert out["batchItemFailures"] == [], out
            with recorder.timed("count_transfers"):
                out = functions.count_transfers.handler(batch, Context("count_transfers"))
            assert not (out or {}).get("batchItemFailures"), out
        sqs, url = stack.sqs(), get_settings().webhook_queue_url
        message = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, AttributeNames=["All"])
        region = get_settings().aws_region
        arn = f"arn:aws:sqs:{region}:123456789012:{url.rsplit('/', 1)[-1]}"
        event = {"Records": [lambda_sqs_record(message["Messages"][0], arn, region)]}
        with recorder.step("webhook delivery"), recorder.timed("deliver_webhooks"):
            out = functions.deliver_webhooks.handler(event, Context("deliver_webhooks"))
            assert not (out or {}).get("batchItemFailures"), out
        receiver.next()


def report(steps: dict[str, Step]) -> tuple[str, list[str]]:
    from bench.stats import table

    rows = []
    total = Step()
    for name in STEPS:
        step = steps.get(name, Step())
        total.calls.update(step.calls)
        total.rcu += step.rcu
        total.wcu += step.wcu
        total.gsi_writes += step.gsi_writes
        detail = ", ".join(f"{op.split('.', 1)[1]} {n}" for op, n in sorted(step.calls.items()))
        rows.append(
            [
                name,
                str(step.total("dynamodb")),
                f"{step.rcu:g}",
                f"{step.wcu:g}",
                f"{step.gsi_writes:g}",
                str(step.total("sqs")),
                str(step.total("apigatewaymanagementapi")),
                detail,
            ]
        )
    rows.append(
        [
            "whole transfer",
            str(total.total("dynamodb")),
            f"{total.rcu:g}",
            f"{total.wcu:g}",
            f"{total.gsi_writes:g}",
            str(total.total("sqs")),
            str(total.total("apigatewaymanagementapi")),
            "",
        ]
    )
    title = (
        "AWS requests per step of one transfer (real handlers, moto over HTTP; one agent "
        "socket, one webhook subscription; RCU/WCU by DynamoDB's on-demand sizing; GSI "
        "writes estimated)"
    )
    head = ["step", "DynamoDB", "RCU", "WCU", "GSI WCU", "SQS", "WS mgmt", "calls"]
    return title + "\n" + table(head, rows), []
