"""The events path as `make run` runs it: the local server (WebSocket at /ws, the
@connections endpoint) on a real port, the SQS queues of infra/queues.json in the moto
server, and the stream and queue pollers invoking publish_events and deliver_webhooks.

Also: a socket client that collects events, and a webhook receiver on 127.0.0.1.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
import pytest
import websockets
from websockets.sync.client import ClientConnection, connect

from functions.messaging import clients as messaging_clients
from functions.shared.settings import get_settings
from infra.event_sources import LocalEvents, lambda_stream_record
from infra.local_stack import LOCAL_CREDENTIALS
from infra.websocket_gateway import management_url
from tests.support.local_server import serve_locally

MAX_ATTEMPTS = 3  # webhook delivery attempts in tests (1 s, then 2 s apart)
WAIT = 30.0  # seconds an expected event may take (never asserted as a timing)


@dataclass
class EventsStack:
    base_url: str
    endpoint: str
    region: str
    events: LocalEvents

    @property
    def management_url(self) -> str:
        """The local @connections endpoint (under its path secret), as the functions use it."""
        return management_url(self.base_url)

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://") + "/ws"

    def socket(self, token: str) -> Socket:
        opened = connect(f"{self.ws_url}?token={token}", open_timeout=WAIT)
        return Socket(opened.__enter__())  # closed by Socket.close

    def sqs(self) -> Any:
        return boto3.client(
            "sqs", endpoint_url=self.endpoint, region_name=self.region, **LOCAL_CREDENTIALS
        )

    def stream_records(self) -> list[dict[str, Any]]:
        """Every record of the table's stream so far, as Lambda delivers them."""
        streams = boto3.client(
            "dynamodbstreams",
            endpoint_url=self.endpoint,
            region_name=self.region,
            **LOCAL_CREDENTIALS,
        )
        table = boto3.client(
            "dynamodb", endpoint_url=self.endpoint, region_name=self.region, **LOCAL_CREDENTIALS
        ).describe_table(TableName=get_settings().table_name)["Table"]
        arn = table["LatestStreamArn"]
        records = []
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            iterator = streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            records += [lambda_stream_record(r, arn, self.region) for r in page["Records"]]
        return records

    def connections(self) -> list[dict[str, Any]]:
        """The connection records in the table (wire format)."""
        db = boto3.client(
            "dynamodb", endpoint_url=self.endpoint, region_name=self.region, **LOCAL_CREDENTIALS
        )
        items = db.scan(TableName=get_settings().table_name)["Items"]
        return [i for i in items if i["pk"]["S"].startswith("CONNECTION#")]

    def dead_letters(self, wait: float = WAIT) -> list[dict[str, Any]]:
        """Messages in the webhook DLQ (received, so they stay there for others)."""
        got = self.sqs().receive_message(
            QueueUrl=self.events.queue_urls["WebhookDeadLetterQueue"],
            MaxNumberOfMessages=10,
            WaitTimeSeconds=int(wait),
        )
        return [json.loads(m["Body"]) for m in got.get("Messages") or []]


@dataclass
class Socket:
    """An agent's WebSocket: the events it received, one JSON object each. `kinds`: the
    event type prefixes a test reads (agents also hear their own status changes, which
    tests of transfers' events skip)."""

    conn: ClientConnection
    kinds: tuple[str, ...] = ("transfer.", "call.", "pong")

    def next(self, timeout: float = WAIT) -> dict[str, Any]:
        while True:
            event = dict(json.loads(self.conn.recv(timeout=timeout)))
            if str(event.get("type", "")).startswith(self.kinds):
                return event

    def until(self, event_id: str, timeout: float = WAIT) -> list[dict[str, Any]]:
        """Every event received up to and including `event_id`."""
        seen = []
        while True:
            event = self.next(timeout)
            seen.append(event)
            if event["id"] == event_id:
                return seen

    def close(self) -> None:
        self.conn.close()


def refused_status(url: str) -> int | None:
    """The HTTP status a WebSocket upgrade to `url` was refused with (None: it opened)."""
    try:
        with connect(url, open_timeout=WAIT):
            return None
    except websockets.InvalidStatus as exc:
        return exc.response.status_code


@contextmanager
def events_stack(
    moto_endpoint: str, env: pytest.MonkeyPatch, *, pollers: bool = True
) -> Iterator[EventsStack]:
    """Needs `store_env` (a fresh table with its stream). `pollers=False`: nothing consumes
    the stream or the queues (a test invokes the handlers itself)."""
    settings = get_settings()
    local = LocalEvents(moto_endpoint, settings.table_name, settings.aws_region, poll_seconds=0.02)
    urls = local.create_queues()
    with serve_locally() as base_url:
        for key, value in {
            "WEBSOCKET_MANAGEMENT_URL": management_url(base_url),
            "SQS_ENDPOINT_URL": moto_endpoint,
            "WEBHOOK_QUEUE_URL": urls["WebhookDeliveryQueue"],
            "WEBHOOK_DLQ_URL": urls["WebhookDeadLetterQueue"],
            "ROUTING_TIMER_QUEUE_URL": urls["RoutingTimerQueue"],
            "WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
            "WEBHOOK_RETRY_BASE_SECONDS": "1",
            "WEBHOOK_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
        }.items():
            env.setenv(key, value)
        get_settings.cache_clear()
        if pollers:
            local.start()
        try:
            yield EventsStack(base_url, moto_endpoint, settings.aws_region, local)
        finally:
            local.stop()
    messaging_clients.reset()


@dataclass
class Receiver:
    """A webhook endpoint on 127.0.0.1: answers `statuses` in turn (then 200), keeps
    every request it got."""

    statuses: list[int] = field(default_factory=list)
    requests: queue.Queue[tuple[dict[str, str], bytes]] = field(default_factory=queue.Queue)
    url: str = ""
    # While not set, every request is held unanswered (a receiver that hangs).
    answering: threading.Event = field(default_factory=threading.Event)

    def next(self, timeout: float = WAIT * 3) -> tuple[dict[str, str], bytes]:
        return self.requests.get(timeout=timeout)


@contextmanager
def webhook_receiver(
    statuses: list[int] | None = None, *, hangs: bool = False
) -> Iterator[Receiver]:
    receiver = Receiver(list(statuses or []))
    if not hangs:
        receiver.answering.set()

    class Handle(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # 40 ms a request without: infra.local_stack.listener

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            receiver.requests.put(({k.lower(): v for k, v in self.headers.items()}, body))
            receiver.answering.wait()
            status = receiver.statuses.pop(0) if receiver.statuses else 200
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    try:
        yield receiver
    finally:
        receiver.answering.set()
        server.shutdown()
        server.server_close()
