"""A fault-injecting HTTP proxy in front of the moto server, for the DynamoDB client to
talk to (DYNAMODB_ENDPOINT_URL). The store and its client run unchanged: faults happen
on the wire, as they would between a Lambda and DynamoDB.

It counts every request by operation (X-Amz-Target), can hold the first `count` requests
of an operation until all have arrived and then forward them in arrival order (so racing
writes are certain to have read the same version), and answers from programmed faults
first: a 500, a 503, a throttling error, or a "lost response" (forwarded and applied,
then answered with a 500, as when a connection drops after the write). With
`serialize=True` it forwards one request at a time, which makes moto's check-then-write
of a conditional update atomic, as DynamoDB's is per item (moto's threaded server is not).

Fixture: `fault_proxy` (a running proxy, settings pointed at it; needs `store_env`).
"""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest

Fault = Literal[
    "500",
    "503",
    "throttle",
    "lost_response",
    "access_denied",
    "stall",
    "transaction_conflict",
    "write_conflict",
]
_ERRORS: dict[str, tuple[int, str, str]] = {
    "500": (500, "InternalServerError", "Internal server error"),
    "503": (503, "ServiceUnavailable", "Service unavailable"),
    "throttle": (400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
    "lost_response": (500, "InternalServerError", "Internal server error"),
    # Not retryable, not transient (a missing IAM permission): the service's own 500.
    "access_denied": (400, "AccessDeniedException", "not authorized to perform this action"),
    # Held without an answer until healed (or STALL_SECONDS), then dropped unapplied.
    "stall": (500, "InternalServerError", "Internal server error"),
    # What DynamoDB answers when another transaction holds one of the items.
    "transaction_conflict": (400, "TransactionCanceledException", "Transaction cancelled"),
    # What a plain write gets when a transaction holds its item.
    "write_conflict": (400, "TransactionConflictException", "Transaction is ongoing"),
}
STALL_SECONDS = 60.0


class Gate:
    """Holds the first `count` requests until all arrived, then lets them go in arrival order."""

    def __init__(self, count: int, timeout: float) -> None:
        self.count, self.timeout = count, timeout
        self._cond = threading.Condition()
        self._arrived = 0
        self._next = 0

    def enter(self) -> int | None:
        """A ticket, or None once the gate has let its `count` requests through."""
        with self._cond:
            if self._arrived >= self.count:
                return None
            ticket = self._arrived
            self._arrived += 1
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._arrived >= self.count, self.timeout)
            self._cond.wait_for(lambda: self._next == ticket, self.timeout)
            return ticket

    def leave(self, ticket: int | None) -> None:
        if ticket is not None:
            with self._cond:
                self._next = ticket + 1
                self._cond.notify_all()


@dataclass
class Rule:
    fault: Fault
    operation: str | None  # None: any operation
    times: int | None  # None: every matching request, until cleared


class FaultProxy:
    def __init__(self, upstream: str, *, serialize: bool = False) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.serialize = serialize
        self.received: Counter[str] = Counter()  # every request, by operation
        self.injected: Counter[str] = Counter()  # faults answered, by operation
        self._rules: list[Rule] = []
        self._gates: dict[str, Gate] = {}
        self._lock = threading.Lock()
        self._forward_lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._unstall = threading.Event()

    # programming ----------------------------------------------------------------------------

    def fail(self, fault: Fault, *, operation: str | None = None, times: int | None = None) -> None:
        """Answer the next `times` requests (of `operation`) with `fault`; None: all of them."""
        with self._lock:
            self._rules.append(Rule(fault, operation, times))

    def hold(self, operation: str, count: int, timeout: float = 30) -> None:
        """Hold the next `count` requests of `operation` until all arrived, then forward
        them one by one in the order they came."""
        with self._lock:
            self._gates[operation] = Gate(count, timeout)

    def heal(self) -> None:
        with self._lock:
            self._rules.clear()
            self._gates.clear()
            self._unstall.set()  # stalled requests end (unapplied)
            self._unstall = threading.Event()

    def _take(self, operation: str) -> Fault | None:
        with self._lock:
            self.received[operation] += 1
            for rule in self._rules:
                if rule.operation in (None, operation) and rule.times != 0:
                    if rule.times is not None:
                        rule.times -= 1
                    self.injected[operation] += 1
                    return rule.fault
        return None

    # lifecycle ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fault-proxy", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # forwarding -----------------------------------------------------------------------------

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            if self.serialize:
                with self._forward_lock:
                    return _exchange(conn, method, path, headers, body)
            return _exchange(conn, method, path, headers, body)
        finally:
            conn.close()


def _exchange(
    conn: http.client.HTTPConnection, method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[int, list[tuple[str, str]], bytes]:
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    return res.status, res.getheaders(), res.read()


class _Handler(BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # 40 ms a request without: infra.local_stack.listener

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        target = self.headers.get("X-Amz-Target") or ""
        operation = target.rsplit(".", 1)[-1] or "unknown"
        fault = self.owner._take(operation)
        if fault == "lost_response":
            self.owner.forward("POST", self.path, dict(self.headers.items()), body)
        if fault == "stall":
            self.owner._unstall.wait(STALL_SECONDS)
        if fault is not None:
            status, code, message = _ERRORS[fault]
            payload: dict[str, Any] = {
                "__type": f"com.amazonaws.dynamodb.v20120810#{code}",
                "message": message,
            }
            if fault == "transaction_conflict":
                count = len(json.loads(body).get("TransactItems") or [None])
                conflict = {"Code": "TransactionConflict", "Message": "Transaction is ongoing"}
                payload["CancellationReasons"] = [conflict] + [{"Code": "None"}] * (count - 1)
            self._send(status, [("Content-Type", "application/x-amz-json-1.0")], _j(payload))
            return
        gate = self.owner._gates.get(operation)
        ticket = gate.enter() if gate is not None else None
        try:
            status, headers, answer = self.owner.forward(
                "POST", self.path, dict(self.headers.items()), body
            )
        finally:
            if gate is not None:
                gate.leave(ticket)
        keep = [(k, v) for k, v in headers if k.lower() not in ("content-length", "connection")]
        self._send(status, keep, answer)

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _j(obj: Any) -> bytes:
    return json.dumps(obj).encode()


@pytest.fixture
def fault_proxy(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FaultProxy]:
    """A proxy in front of the test's moto server, with the store's settings pointed at it."""
    from functions.shared.settings import get_settings
    from functions.store.table import client as dynamodb

    proxy = FaultProxy(store_env).start()
    monkeypatch.setenv("DYNAMODB_ENDPOINT_URL", proxy.url)
    get_settings.cache_clear()
    dynamodb.reset()
    yield proxy
    dynamodb.reset()
    proxy.stop()
