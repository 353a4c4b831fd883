"""Requests per step of a whole transfer: how many DynamoDB, SQS and WebSocket-management
requests each step makes, and the write and read units their items cost.

    python -m bench requests

The real handlers (genuine API Gateway events) against the local stack's moto, through the
tests' fault proxy, which counts every request by operation; the LiveKit stand-in for the
rooms; a counting HTTP server for API Gateway's Management API (@connections) and for a
webhook receiver. Steps: a call opened, 20 turns appended (one request each, as a voice
pipeline appends them), a transfer initiated, read, listed, accepted, a join token minted,
completed; then the table's stream through publish_events (the events of all of the above,
pushed to a supervisor's and the agent's sockets, queued for one webhook); then one webhook
delivery (deliver_webhooks). Units are estimated from the items on the wire (DynamoDB's
JSON is close to its size accounting): a write 1 WCU per KB of item (2 in a transaction), a
read 0.5 RCU per 4 KB (eventually consistent; ConsistentRead doubles it), at least one each.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.stats import table

STEPS = (
    "call opened",
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
SECRET = "bench-requests-secret-that-is-long-enough-for-hs256"
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"}


class _Counting(BaseHTTPRequestHandler):
    """Answers every POST 200 and counts it (the Management API, a webhook receiver)."""

    hits: Counter[str]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.hits[
            self.path.split("/")[1] if "@connections" not in self.path else "@connections"
        ] += 1
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@contextmanager
def _counting_server() -> Iterator[tuple[str, Counter[str]]]:
    hits: Counter[str] = Counter()
    handler = type("Handler", (_Counting,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


class _Units:
    """Capacity units from the bodies the proxy saw (see the module's docstring)."""

    def __init__(self) -> None:
        self.wcu = 0.0
        self.rcu = 0.0

    def add(self, operation: str, request: bytes, answer: bytes) -> None:
        if operation in WRITES:
            items = _items(json.loads(request or b"{}"))
            each = 2 if operation == "TransactWriteItems" else 1  # transactions cost double
            self.wcu += each * (sum(max(1, math.ceil(len(i) / 1024)) for i in items) or 1)
        elif operation in ("GetItem", "Query", "BatchGetItem", "Scan"):
            body = json.loads(request or b"{}")
            factor = 1.0 if body.get("ConsistentRead") else 0.5
            self.rcu += max(1, math.ceil(len(answer) / 4096)) * factor


def _items(body: dict[str, Any]) -> list[bytes]:
    """The items a write request carries (their JSON), one per item written."""
    found = [body[k] for k in ("Item", "Key") if k in body]
    for entry in body.get("TransactItems", []):
        found += [v.get("Item") or v.get("Key") for v in entry.values()]
    for requests in body.get("RequestItems", {}).values():
        found += [(r.get("PutRequest") or r.get("DeleteRequest") or {}) for r in requests]
    return [json.dumps(i).encode() for i in found]


def measure() -> dict[str, Any]:
    from infra.local_stack import LocalDynamoDB, create_table

    moto = LocalDynamoDB().start()
    try:
        return _run(moto.endpoint_url, create_table)
    finally:
        moto.stop()


def _run(moto_url: str, create_table: Any) -> dict[str, Any]:
    from infra.event_sources import LocalEvents
    from infra.lambda_invoke import Context
    from tests.support.fault_proxy import FaultProxy
    from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub
    from tests.support.tokens import Tokens

    table_name, region = "warm-transfer-bench", "us-east-1"
    create_table(moto_url, table_name, region)
    events = LocalEvents(moto_url, table_name, region)
    urls = events.create_queues()
    proxy = FaultProxy(moto_url).start()
    units = _Units()
    original = proxy.forward

    def forward(method: str, path: str, headers: Any, body: bytes) -> Any:
        status, out_headers, answer = original(method, path, headers, body)
        target = dict(headers).get("X-Amz-Target") or dict(headers).get("x-amz-target") or ""
        units.add(target.split(".")[-1], body, answer)
        return status, out_headers, answer

    proxy.forward = forward  # type: ignore[method-assign]
    with _counting_server() as (sink_url, sink), LiveKitStub() as livekit:
        os.environ.update(
            {
                "TABLE_NAME": table_name,
                "AWS_REGION": region,
                "DYNAMODB_ENDPOINT_URL": proxy.url,
                "SQS_ENDPOINT_URL": proxy.url,
                "AUTH_JWT_SECRET": SECRET,
                "CURSOR_SECRET": "bench-cursor-secret",
                "WEBHOOK_QUEUE_URL": urls["WebhookDeliveryQueue"],
                "WEBHOOK_DLQ_URL": urls["WebhookDeadLetterQueue"],
                "ROUTING_TIMER_QUEUE_URL": urls["RoutingTimerQueue"],
                "WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
                "WEBSOCKET_MANAGEMENT_URL": sink_url,
                "LIVEKIT_URL": livekit.url,
                "LIVEKIT_API_KEY": API_KEY,
                "LIVEKIT_API_SECRET": API_SECRET,
                "POWERTOOLS_METRICS_DISABLED": "true",
                "LOG_LEVEL": "WARNING",
                **LOCAL_CREDENTIALS_ENV,
            }
        )
        from functions.shared.settings import get_settings

        get_settings.cache_clear()
        return _steps(proxy, units, sink, sink_url, Tokens(SECRET), moto_url, events, Context)


LOCAL_CREDENTIALS_ENV = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}


def _steps(
    proxy: Any,
    units: _Units,
    sink: Counter[str],
    sink_url: str,
    tokens: Any,
    moto_url: str,
    events: Any,
    context: Any,
) -> dict[str, Any]:
    import boto3

    import functions.deliver_webhooks
    import functions.publish_events
    import functions.ws_connect
    from infra import websocket_events
    from infra.event_sources import lambda_stream_record
    from infra.local_stack import LOCAL_CREDENTIALS
    from tests.support import api

    rows: dict[str, dict[str, float]] = {}

    def step(name: str) -> Any:
        before = (Counter(proxy.received), units.wcu, units.rcu, Counter(sink))

        class _Done:
            def __enter__(self) -> None:
                return None

            def __exit__(self, *_: object) -> None:
                counts, wcu, rcu, hits = before
                made = Counter(proxy.received)
                made.subtract(counts)
                pushed = Counter(sink)
                pushed.subtract(hits)
                sqs = sum(n for op, n in made.items() if op[:1].isupper() and _is_sqs(op))
                rows[name] = {
                    "dynamodb": sum(n for op, n in made.items() if not _is_sqs(op)),
                    "sqs": sqs,
                    "websocket": pushed["@connections"],
                    "wcu": units.wcu - wcu,
                    "rcu": units.rcu - rcu,
                    "ops": {op: n for op, n in made.items() if n},  # type: ignore[dict-item]
                }

        return _Done()

    svc, bob, sup = tokens.service(), tokens.agent("bob"), tokens.supervisor()
    made = api.create_webhook({"url": f"{sink_url}/hooks"}, token=sup)
    assert made.status == 201, made.body
    for n, token in enumerate((sup, bob)):
        event = websocket_events.connect_event(
            f"conn-{n}=",
            domain="127.0.0.1",
            headers={"Host": "127.0.0.1"},
            query={"token": [token]},
            connected_at=int(time.time() * 1000),
        )
        assert functions.ws_connect.handler(event, context("ws_connect"))["statusCode"] == 200
    streams = boto3.client(
        "dynamodbstreams", endpoint_url=moto_url, region_name="us-east-1", **LOCAL_CREDENTIALS
    )
    arn = boto3.client(
        "dynamodb", endpoint_url=moto_url, region_name="us-east-1", **LOCAL_CREDENTIALS
    ).describe_table(TableName="warm-transfer-bench")["Table"]["LatestStreamArn"]
    skip = len(_records(streams, arn))  # the set-up's own changes

    with step("call opened"):
        assert api.open_call({"call_id": "c-bench"}, token=svc).status == 201
    with step("20 turns appended"):
        for n in range(20):
            said = [{"speaker": "caller" if n % 2 else "ai", "text": f"turn {n} of the call"}]
            assert api.add_turns("c-bench", said, token=svc).status == 201
    with step("initiate"):
        started = api.initiate({"call_id": "c-bench", "to_agent": "bob"}, token=svc)
        assert started.status == 201, started.body
    tid = started.json["transfer_id"]
    with step("get"):
        assert api.get_transfer(tid, token=bob).status == 200
    with step("list"):
        assert api.list_transfers(token=bob).status == 200
    with step("accept"):
        assert api.move("accept", tid, token=bob).status == 200
    with step("token"):
        room = started.json["consult_room"]
        assert api.join_token({"room": room, "transfer_id": tid}, token=bob).status == 200
    with step("complete"):
        assert api.move("complete", tid, token=bob).status == 200
    records = [lambda_stream_record(r, arn, "us-east-1") for r in _records(streams, arn)[skip:]]
    with step("stream events"):
        out = functions.publish_events.handler({"Records": records}, context("publish_events"))
        assert out["batchItemFailures"] == []
    sqs = boto3.client("sqs", endpoint_url=moto_url, region_name="us-east-1", **LOCAL_CREDENTIALS)
    queue = events.queue_urls["WebhookDeliveryQueue"]
    got = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, AttributeNames=["All"])
    message = got["Messages"][0]
    record = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": {},
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:webhooks.fifo",
        "awsRegion": "us-east-1",
    }
    with step("webhook delivery"):
        functions.deliver_webhooks.handler({"Records": [record]}, context("deliver_webhooks"))
    return {"rows": rows, "stream_records": len(records), "webhooks_delivered": sink["hooks"]}


def _is_sqs(operation: str) -> bool:
    return operation in {
        "SendMessage",
        "SendMessageBatch",
        "ReceiveMessage",
        "DeleteMessage",
        "DeleteMessageBatch",
        "ChangeMessageVisibility",
        "GetQueueAttributes",
        "GetQueueUrl",
    }


def _records(streams: Any, arn: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            found += page["Records"]
            iterator = page.get("NextShardIterator") if page["Records"] else None
    return found


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    rows = result["rows"]
    lines = [
        [
            name,
            str(int(r["dynamodb"])),
            f"{r['wcu']:.0f}",
            f"{r['rcu']:.1f}",
            str(int(r["sqs"])),
            str(int(r["websocket"])),
            ", ".join(f"{op} {n}" for op, n in sorted(r["ops"].items())),  # type: ignore[union-attr]
        ]
        for name, r in rows.items()
    ]
    total = {
        k: sum(r[k] for r in rows.values()) for k in ("dynamodb", "wcu", "rcu", "sqs", "websocket")
    }
    lines.append(
        [
            "whole transfer",
            str(int(total["dynamodb"])),
            f"{total['wcu']:.0f}",
            f"{total['rcu']:.1f}",
            str(int(total["sqs"])),
            str(int(total["websocket"])),
            "",
        ]
    )
    text = (
        f"Requests per step of one transfer ({result['stream_records']} stream records; "
        f"webhook deliveries: {result['webhooks_delivered']})\n"
        + table(["step", "DynamoDB", "WCU", "RCU", "SQS", "@connections", "operations"], lines)
    )
    return text, []
