"""What the local stack adds to moto's DynamoDB so that it behaves like DynamoDB where the
service relies on it. Local runs and tests only; nothing here ships to Lambda.

1. **Per-item atomicity.** moto's threaded server checks a condition and writes in
   separate Python steps, and its transactions iterate tables other threads change
   ("dictionary changed size during iteration"): concurrent writes could both pass one
   condition. `Serialised` runs one request at a time, as DynamoDB serialises writes per
   item (a stronger guarantee than DynamoDB's, never a weaker one).
2. **Idempotent transactions.** DynamoDB applies a TransactWriteItems once per
   `ClientRequestToken` (botocore fills one in and reuses it on retries) for 10 minutes:
   a repeat returns success without applying again, the same token with other
   parameters is an IdempotentParameterMismatchException. moto ignores the token.
3. **A transaction costs what it touches.** moto's `transact_write_items` deep-copies every
   table it names, for its rollback: 76 ms at 2,000 items, growing with the table. Here
   it keeps a copy of only the items it writes, and restores those on failure.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

TRANSACT_WRITE = "DynamoDB_20120810.TransactWriteItems"
SERIALISED_TARGETS = ("DynamoDB_20120810.", "DynamoDBStreams_20120810.")
TOKEN_WINDOW_SECONDS = 600  # DynamoDB's idempotency window for ClientRequestToken

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class Serialised:
    """WSGI middleware: one request at a time into moto, and ClientRequestToken replays."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        # token -> (when, fingerprint of the request, status, headers, body)
        self._tokens: dict[str, tuple[float, str, str, list[Any], bytes]] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = _Body(body)
        target = environ.get("HTTP_X_AMZ_TARGET") or ""
        token = None
        if target == TRANSACT_WRITE:
            token = _client_token(body)
        # Only DynamoDB (and its stream) needs one request at a time. SQS long-polls
        # (ReceiveMessage waits up to its WaitTimeSeconds inside moto): holding the lock
        # through that would stall every table request behind the webhook queue's poller.
        lock = self._lock if target.startswith(SERIALISED_TARGETS) else contextlib.nullcontext()
        with lock:
            if token is not None:
                replayed = self._replay(token, body, start_response)
                if replayed is not None:
                    return replayed
            captured: dict[str, Any] = {}

            def keep(status: str, headers: list[Any], *exc: Any) -> Any:
                captured.update(status=status, headers=headers)
                return start_response(status, headers, *exc)

            answer = b"".join(self.app(environ, keep))  # read it all inside the lock
            status = captured.get("status", "")
            if token is not None and status.startswith("200"):
                seen = (time.monotonic(), _fingerprint(body), status, captured["headers"], answer)
                self._tokens[token] = seen
            return [answer]

    def _replay(self, token: str, body: bytes, start_response: StartResponse) -> list[bytes] | None:
        now = time.monotonic()
        for stale in [t for t, v in self._tokens.items() if now - v[0] > TOKEN_WINDOW_SECONDS]:
            del self._tokens[stale]
        seen = self._tokens.get(token)
        if seen is None:
            return None
        _, fingerprint, status, headers, answer = seen
        if fingerprint != _fingerprint(body):
            error = {
                "__type": "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",
                "message": "ClientRequestToken was used with different request parameters",
            }
            payload = json.dumps(error).encode()
            start_response(
                "400 Bad Request",
                [
                    ("Content-Type", "application/x-amz-json-1.0"),
                    ("Content-Length", str(len(payload))),
                ],
            )
            return [payload]
        start_response(status, headers)
        return [answer]


class _Body:
    """A re-readable wsgi.input over bytes already read."""

    def __init__(self, data: bytes) -> None:
        self._data, self._at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size is None or size < 0 else self._at + size
        chunk = self._data[self._at : end]
        self._at += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _client_token(body: bytes) -> str | None:
    try:
        token = json.loads(body).get("ClientRequestToken")
    except (ValueError, AttributeError):
        return None
    return token if isinstance(token, str) and token else None


def _fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# ---- transactions that copy only what they write -------------------------------------------

_original_transact = DynamoDBBackend.transact_write_items


def _tables_as_they_are(value: Any, memo: Any = None) -> Any:
    """moto's rollback copy of a table: the table itself (the items are saved one by one)."""
    return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _item_key(table: Table, op: dict[str, Any]) -> tuple[DynamoType, DynamoType | None] | None:
    key = op.get("Item") if "Item" in op else op.get("Key")
    if not isinstance(key, dict) or table.hash_key_attr not in key:
        return None  # malformed: moto refuses it before writing anything
    hash_value = DynamoType(key[table.hash_key_attr])
    if table.range_key_attr is None:
        return hash_value, None
    if table.range_key_attr not in key:
        return None
    return hash_value, DynamoType(key[table.range_key_attr])


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    saved: list[tuple[Table, DynamoType, DynamoType | None, Any]] = []
    streams: dict[int, tuple[Table, int]] = {}
    for entry in transact_items[:100]:  # more is refused by moto before any write
        op = next(iter(entry.values()), {}) if isinstance(entry, dict) else {}
        table = self.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        key = _item_key(table, op) if table is not None else None
        if table is None or key is None:
            continue
        # Updates change items in place: keep a copy of each as it was.
        saved.append((table, *key, copy.deepcopy(table.get_item(*key))))
        if table.stream_shard is not None:
            streams[id(table)] = (table, len(table.stream_shard.items))
    try:
        _original_transact(self, transact_items)
    except BaseException:
        for table, hash_value, range_value, item in reversed(saved):
            _put_back(table, hash_value, range_value, item)
        for table, length in streams.values():
            del table.stream_shard.items[length:]  # no stream record of a rolled-back write
        raise


def _put_back(
    table: Table, hash_value: DynamoType, range_value: DynamoType | None, item: Any
) -> None:
    """Restore one item as it was (None: it did not exist), without a stream record."""
    if range_value is None:
        if item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item
        return
    if item is None:
        table.items[hash_value].pop(range_value, None)
        if not table.items[hash_value]:
            del table.items[hash_value]
    else:
        table.items[hash_value][range_value] = item


def install() -> None:
    """Patch moto's DynamoDB backend, once per process (idempotent)."""
    if DynamoDBBackend.transact_write_items is _transact_write_items:
        return
    # moto's module-level `copy` is used for the rollback copy of whole tables and for
    # update_item's copy of one item; only the former is changed.
    dynamodb_models.copy = SimpleNamespace(deepcopy=_tables_as_they_are)  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]


class AtomicMotoServer(ThreadedMotoServer):
    """moto's threaded server with its app behind `Serialised` and the backend patched."""

    def _server_entry(self) -> None:
        install()
        app = Serialised(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(
            self._ip_address, self._port, app, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()
