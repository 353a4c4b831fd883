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
4. **A Query reads its partition, not the table.** moto's `Table.query` sorts every item
   of the table (`all_items`) and then keeps the partition asked for: a GET of one
   transfer or a list page grew with everything ever stored. Here a Query of the table
   reads the one partition, and a Query of a global secondary index reads a map from the
   index's hash key to the items in it, kept up to date by every put, update, delete
   and rolled-back transaction. moto's own query code still sorts, pages, filters and
   projects what it is given, so its answers are unchanged.
5. **A stream poller waits for records and reads them in one request.**
   `GET /__local/stream-records?arn=A&shard=S&after=N&limit=L&timeout=T` answers
   GetRecords' `{"Records": [...]}` for the records of shard S after sequence number N
   (from the start without N), once there is at least one or after T seconds. The local
   event source mappings (infra/event_sources.py) poll there: Lambda's pollers cost
   nothing while idle, and these made three requests a poll (a shard iterator, GetRecords
   and a wait), 20 polls a second under load: three of every four requests in the events
   tests were theirs. Each of moto's iterators is also kept for good (472 random bytes
   each, two a poll): a `make run` left for a day kept hundreds of MB of them.
6. **Item answers and stream records are written as JSON, not walked shape by shape.**
   moto 5.2.5 serializes every DynamoDB answer through its generic shape serializer,
   which looks each value up through several attribute "pickers": 90% of moto's time on
   a list of 50 transfers, and most of it while filling the table (py-spy, issue 30). An
   answer of an item operation (`ITEM_OPERATIONS`) or GetRecords is plain JSON in the
   protocol (member names as given, binary values in base64, a record's time in epoch
   seconds), so it is dumped directly; anything else in it (a None) takes moto's path.
7. **What moto works out on every request, it works out once.** moto 5.2.5 lists its own
   package folder (a listdir and ~110 stats) to route each request, lists a handler's
   methods with `inspect.getmembers` to find the action, and sizes every item of a Query
   twice (its 1 MB page limit, walking each attribute). The first two never change while
   it runs: they are kept. An item's size is kept for the length of one read request
   (`ReadSizes`), during which nothing writes. A request id is 52 characters of
   `os.urandom` in base32, not 52 calls of `random.choice`, and a DynamoDB answer (JSON) is
   not searched for an XML `<RequestId>` to replace (a regex over the whole body). Together
   a third of moto's CPU per request (cProfile of its WSGI app, GetItem and a list of 50).
8. **DynamoDB's requests go straight to moto's handler** (`TablesDirect`), as moto's Flask
   view would hand them on, without Flask's request context, routing, after-request hooks
   and response object: a GetItem 0.58 -> 0.31 ms in moto's WSGI app. Its answers are
   moto's own, but for the CORS header Flask added (no browser calls the table).
9. **An item is sized once when it is made.** moto's `Item` adds its attributes one by one
   to a dict that, before each, sums the size of everything already in it (its 400 KB
   check): a transfer of ~30 attributes sized ~450 values, 7% of moto's CPU in a burst of
   initiates (py-spy). Here the item is built and then sized once, against the same limit
   with the same error; a later change of one attribute keeps moto's check.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import copy
import datetime
import functools
import hashlib
import http
import json
import os
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from types import SimpleNamespace
from typing import Any

import moto.backends as moto_backends
import moto.core.responses as core_responses
import moto.dynamodb.models as dynamodb_models
import moto.dynamodb.models.table as table_module
from botocore.exceptions import ClientError
from moto.core.request import Request as MotoRequest
from moto.core.responses import ActionResult
from moto.core.utils import method_names_from_class
from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.table import StreamShard, Table
from moto.dynamodb.models.utilities import dynamo_to_dict
from moto.dynamodb.responses import DynamoHandler, DynamoResult
from moto.dynamodbstreams.responses import DynamoDBStreamsHandler
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from infra.local_stack import STREAM_RECORDS_HEADER, STREAM_RECORDS_PATH

# X-Amz-Target prefixes: DynamoDB's and its stream's requests, and the handler of each.
DYNAMODB, STREAMS = "DynamoDB_20120810.", "DynamoDBStreams_20120810."
TABLE_HANDLERS = ((DYNAMODB, DynamoHandler), (STREAMS, DynamoDBStreamsHandler))
SERIALISED_TARGETS = (DYNAMODB, STREAMS)
TRANSACT_WRITE = f"{DYNAMODB}TransactWriteItems"
TOKEN_WINDOW_SECONDS = 600  # DynamoDB's idempotency window for ClientRequestToken

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class Serialised:
    """WSGI middleware: one request at a time into moto, and ClientRequestToken replays."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.lock = threading.Lock()  # also held by StreamRecords' reads
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
        lock = self.lock if target.startswith(SERIALISED_TARGETS) else contextlib.nullcontext()
        sizes = read_sizes.kept() if target in READ_TARGETS else contextlib.nullcontext()
        with lock, sizes:
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
        _moved(table, (hash_value, None))
        return
    if item is None:
        table.items[hash_value].pop(range_value, None)
        if not table.items[hash_value]:
            del table.items[hash_value]
    else:
        table.items[hash_value][range_value] = item
    _moved(table, (hash_value, range_value))


# ---- a Query reads its partition -------------------------------------------------------------

PrimaryKey = tuple[DynamoType, DynamoType | None]
IndexKey = tuple[DynamoType, ...]
SortKey = tuple[DynamoType, ...]  # ends with the table's hash and range key: unique

_original_query = Table.query
_original_all_items = Table.all_items
_original_put = Table.put_item
_original_delete = Table.delete_item
_original_update = DynamoDBBackend.update_item
_narrowed = threading.local()  # the items one Query in this thread may read
# False: every Query walks the whole table again, as moto ships (bench/local.py's baseline).
NARROW_QUERIES = True


class _Partitions:
    """One global secondary index of one table: each hash key value's items in the order
    moto sorts them (index hash, index range, table hash, table range keys), so a page is
    a slice found by bisection."""

    def __init__(self, table: Table, hash_attrs: list[str], order: list[str]) -> None:
        self.hash_attrs, self.order = hash_attrs, order
        self.members: dict[IndexKey, list[SortKey]] = {}
        self.where: dict[PrimaryKey, tuple[IndexKey, SortKey]] = {}
        for item in _original_all_items(table):
            self.place((item.hash_key, item.range_key), item)

    def place(self, key: PrimaryKey, item: Any) -> None:
        """Move `key` to where its item (None: deleted) now belongs in the index."""
        old = self.where.pop(key, None)
        if old is not None:
            members = self.members[old[0]]
            del members[bisect.bisect_left(members, old[1])]
            if not members:
                del self.members[old[0]]
        if item is None:
            return
        values = tuple(item.attrs.get(name) for name in self.hash_attrs)
        order = tuple(item.attrs.get(name) for name in self.order)
        if all(values) and all(order):  # DynamoDB indexes only items with every key attribute
            # Copies: an update may change a value in place, and the list must stay sorted.
            order = tuple(DynamoType(value.to_json()) for value in order)
            bisect.insort(self.members.setdefault(values, []), order)
            self.where[key] = (values, order)


def _indexes(table: Table) -> dict[str, _Partitions]:
    found: dict[str, _Partitions] | None = table.__dict__.get("_partitions")
    if found is None:
        found = table.__dict__["_partitions"] = {}
    return found


def _moved(table: Table, key: PrimaryKey) -> None:
    """Re-file one item in the indexes built so far (none: built when first queried)."""
    partitions = table.__dict__.get("_partitions")
    if not partitions:
        return
    item = _stored(table, key)
    for index in partitions.values():
        index.place(key, item)


def _stored(table: Table, key: PrimaryKey) -> Any:
    hash_value, range_value = key
    found = table.items.get(hash_value)
    if found is None or range_value is None:
        return found
    return found.get(range_value)


def _partition(table: Table, hash_key: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The items a Query may return, sorted as moto's `all_items` sorts; None: all of them.
    `args` and `kwargs` are Table.query's after `hash_key`."""
    range_comparison, _, limit, start, forward, _, *rest = (*args, *[None] * 7)[:7]
    index_name = (rest[0] if rest else None) or kwargs.get("index_name")
    if not index_name or any(i.name == index_name for i in table.indexes or []):
        # The table or a local index: one partition of the table's own hash key.
        found = table.items.get(hash_key) if hash_key is not None else None
        if found is None:
            return []
        items = list(found.values()) if table.range_key_attr else [found]
        return sorted(items, key=lambda x: (x.hash_key, x.range_key or x.hash_key))
    index = next((i for i in table.global_indexes or [] if i.name == index_name), None)
    given = dict(kwargs.get("hash_key_conditions") or [])
    if index is None or table.range_key_attr is None:
        return None  # moto answers the unknown index; a table without range key: as shipped
    hash_attrs = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
    range_attrs = [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
    if len(range_attrs) != 1 or not all(name in given for name in hash_attrs):
        return None
    partitions = _indexes(table)
    if index_name not in partitions:
        order = table._generate_attr_to_sort_by(
            [*hash_attrs, table.hash_key_attr], [*range_attrs, table.range_key_attr]
        )
        partitions[index_name] = _Partitions(table, hash_attrs, order)
    index_keys = partitions[index_name]
    members = index_keys.members.get(tuple(given[n] for n in hash_attrs), [])
    extra = set(kwargs) - {"hash_key_conditions", "range_key_conditions", "index_name"}
    if not range_comparison and limit and not extra:
        # A page: `limit` items after the start key, and one more for LastEvaluatedKey.
        at = None
        if start and not all(name in start for name in index_keys.order):
            return None  # moto refuses or answers it as shipped
        if start:
            at = tuple(DynamoType(start.get(name)) for name in index_keys.order)
        if forward is False:
            end = len(members) if at is None else bisect.bisect_left(members, at)
            members = members[max(0, end - limit - 1) : end]
        else:
            begin = 0 if at is None else bisect.bisect_right(members, at)
            members = members[begin : begin + limit + 1]
    items = [item for key in members if (item := _stored(table, key[-2:])) is not None]
    return sorted(items, key=lambda x: (x.hash_key, x.range_key))


def _all_items(self: Table) -> list[Any]:
    narrowed = getattr(_narrowed, "items", None)
    if narrowed is not None and narrowed[0] is self:
        return narrowed[1]
    return _original_all_items(self)


def _page_as_it_is(value: Any, memo: Any = None) -> Any:
    """table.py's deepcopy: inside a narrowed Query, its one call copies the page of results
    (40% of a list's time in moto), which only the answer reads; every other copy is made."""
    if getattr(_narrowed, "items", None) is not None and isinstance(value, list):
        return list(value)
    return copy.deepcopy(value, memo)


def _query(self: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
    if not NARROW_QUERIES:
        return _original_query(self, hash_key, *args, **kwargs)
    items = _partition(self, hash_key, args, kwargs)
    if items is None:
        return _original_query(self, hash_key, *args, **kwargs)
    _narrowed.items = (self, items)
    try:
        return _original_query(self, hash_key, *args, **kwargs)
    finally:
        _narrowed.items = None


def _put_item(self: Table, *args: Any, **kwargs: Any) -> Any:
    item = _original_put(self, *args, **kwargs)
    _moved(self, (item.hash_key, item.range_key))
    return item


def _delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None = None) -> Any:
    try:
        return _original_delete(self, hash_key, range_key)
    finally:
        _moved(self, (hash_key, range_key))


def _update_item(
    self: DynamoDBBackend, table_name: str, key: dict[str, Any], *a: Any, **k: Any
) -> Any:
    try:
        return _original_update(self, table_name, key, *a, **k)
    finally:
        # An update changes the item in place (or puts a new one): re-file it either way.
        table = self.tables.get(table_name)
        found = _item_key(table, {"Key": key}) if table is not None else None
        if table is not None and found is not None:
            _moved(table, found)


def _cheap_stream_copies() -> None:
    """moto (5.2.5) deep-copies a table before every TransactWriteItems, for its rollback,
    and the table holds its whole stream: each transaction then costs more as the stream
    grows (moto never trims it). A copy of the stream here shares the records (they never
    change once written) and copies only the list, so a rollback still drops the records
    of the cancelled transaction, as DynamoDB writes none. Local stack only."""

    def shallow(self: StreamShard, memo: dict[int, Any]) -> StreamShard:
        copied = copy.copy(self)
        memo[id(self)] = copied
        copied.items = list(self.items)
        copied.table = copy.deepcopy(self.table, memo)  # the table copy being made
        return copied

    StreamShard.__deepcopy__ = shallow  # type: ignore[attr-defined]


ITEM_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)
_original_execute_result = DynamoResult.execute_result


class _NotPlain(Exception):
    """A value the protocol's JSON does not take as it is: moto's serializer decides."""


def _wire(value: Any) -> Any:
    """`value` (moto's result: DynamoType values inside) as the JSON protocol sends it, in
    one walk (moto's dynamo_to_dict, then its serializer, walk it twice more). Binary
    values are base64 (moto keeps them as received, base64 text, or as bytes); anything
    not JSON's own (a datetime, a None, which the serializer leaves out) raises _NotPlain.
    An attribute's scalar is taken without a recursion (`_attribute`): most of a walk."""
    kind = type(value)  # `kind is ...` first: cheaper than isinstance, and the usual case
    if kind in _SCALARS:
        return value
    if kind is DynamoType or isinstance(value, DynamoType):
        return _attribute(value)
    if kind is dict or isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if kind is list or isinstance(value, list):
        return [_wire(v) for v in value]
    if isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, bytes):
        return _base64(value)
    if isinstance(value, datetime.datetime):  # a stream record's creation time: epoch seconds
        utc = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return round(utc.timestamp(), 3)
    raise _NotPlain


def _attribute(value: DynamoType) -> dict[str, Any]:
    member, inner = value.type, value.value
    if member == "B":
        return {"B": _base64(inner)}
    if member == "BS":
        return {"BS": [_base64(v) for v in inner]}
    if type(inner) in _SCALARS:  # S, N, BOOL, NULL
        return {member: inner}
    return {member: _wire(inner)}


_SCALARS = frozenset({str, bool, int, float})


def _base64(value: str | bytes) -> str:
    return value if isinstance(value, str) else base64.b64encode(value).decode("ascii")


def _result_as_given(self: DynamoResult, result: object) -> None:
    # moto converts here (dynamo_to_dict); the conversion waits for _execute_result, which
    # needs it only when the answer is not plain.
    ActionResult.__init__(self, result)


def _as_json(result: object) -> tuple[int, dict[str, str], str] | None:
    """The answer for `result` written directly, or None when it is not plain."""
    try:
        body = json.dumps(_wire(result))
    except _NotPlain:
        return None
    return 200, {"Content-Type": "application/x-amz-json-1.0"}, body


def _execute_result(self: DynamoResult, context: Any) -> Any:
    if context.operation_model.name in ITEM_OPERATIONS and (answer := _as_json(self._result)):
        return answer
    self._result = dynamo_to_dict(self._result)
    return _original_execute_result(self, context)


class _StreamRecords(ActionResult):
    """GetRecords' answer (whole item images, the stream poller's every batch), written as
    JSON like the item answers above."""

    def execute_result(self, context: Any) -> Any:
        return _as_json(self.result) or super().execute_result(context)


_original_get_records = DynamoDBStreamsHandler.get_records


def _get_records(self: DynamoDBStreamsHandler) -> ActionResult:
    return _StreamRecords(_original_get_records(self).result)


# Point 7. The reads during which no item changes: an item's size may be kept meanwhile.
READ_TARGETS = frozenset(f"{DYNAMODB}{op}" for op in ("GetItem", "BatchGetItem", "Query", "Scan"))


class ReadSizes:
    """Item sizes kept for the length of one read request (one at a time: `Serialised`)."""

    def __init__(self) -> None:
        # id -> (the item, its size): holding the item keeps its id from being reused.
        self._kept: dict[int, tuple[Item, int]] | None = None

    @contextlib.contextmanager
    def kept(self) -> Iterator[None]:
        self._kept = {}
        try:
            yield
        finally:
            self._kept = None

    def size(self, item: Item) -> int:
        if self._kept is None:
            return _original_item_size(item)
        found = self._kept.get(id(item))
        if found is None:
            found = self._kept[id(item)] = (item, _original_item_size(item))
        return found[1]


read_sizes = ReadSizes()
_original_item_size = Item.size


def _item_size(self: Item) -> int:
    return read_sizes.size(self)


# Point 9. moto's LimitedSizeDict limit (DynamoDB's 400 KB, as moto measured it).
ITEM_SIZE_LIMIT = 405_000


def _item_init(
    self: Item, hash_key: DynamoType, range_key: DynamoType | None, attrs: dict[str, Any]
) -> None:
    """moto's Item.__init__, its size checked once for all the attributes (a sum only
    grows, so it fails exactly when moto's check at some attribute would)."""
    self.hash_key, self.range_key = hash_key, range_key
    made = LimitedSizeDict.__new__(LimitedSizeDict)
    dict.__init__(made, ((key, DynamoType(value)) for key, value in attrs.items()))
    self.attrs = made
    if _original_item_size(self) > ITEM_SIZE_LIMIT:
        raise ItemSizeTooLarge


def _enrich_json(headers: dict[str, str], body: Any) -> tuple[dict[str, str], Any]:
    """moto's BaseResponse._enrich_response for a JSON protocol: the request id header."""
    if "status" in headers:
        headers["status"] = str(headers["status"])
    _request_id(headers)
    return headers, body


def _request_id(headerdict: dict[str, Any] | None = None) -> str:
    request_id = base64.b32encode(os.urandom(35)).decode("ascii")[:52]
    if isinstance(headerdict, dict):
        headerdict["x-amzn-requestid"] = request_id
    return request_id


@functools.cache
def _method_names(clazz: object) -> list[str]:
    return method_names_from_class(clazz)


def install() -> None:
    """Patch moto's DynamoDB backend, once per process (idempotent)."""
    if DynamoDBBackend.transact_write_items is _transact_write_items:
        return
    moto_modules = tuple(moto_backends.list_of_moto_modules())
    moto_backends.list_of_moto_modules = lambda: moto_modules  # type: ignore[assignment]
    core_responses.method_names_from_class = _method_names  # type: ignore[assignment]
    core_responses.gen_amzn_requestid_long = _request_id  # type: ignore[assignment]
    for handler in (DynamoHandler, DynamoDBStreamsHandler):
        handler._enrich_response = staticmethod(_enrich_json)  # type: ignore[method-assign,assignment]
    Item.size = _item_size  # type: ignore[method-assign]
    Item.__init__ = _item_init  # type: ignore[method-assign]
    _cheap_stream_copies()
    table_module.copy = SimpleNamespace(deepcopy=_page_as_it_is, copy=copy.copy)  # type: ignore[attr-defined]
    DynamoDBStreamsHandler.get_records = _get_records  # type: ignore[method-assign]
    DynamoResult.__init__ = _result_as_given  # type: ignore[method-assign]
    DynamoResult.execute_result = _execute_result  # type: ignore[method-assign]
    StreamShard.add = _stream_add  # type: ignore[method-assign]
    Table.query = _query  # type: ignore[method-assign]
    Table.all_items = _all_items  # type: ignore[method-assign]
    Table.put_item = _put_item  # type: ignore[method-assign]
    Table.delete_item = _delete_item  # type: ignore[method-assign]
    DynamoDBBackend.update_item = _update_item  # type: ignore[method-assign]
    # moto's module-level `copy` is used for the rollback copy of whole tables and for
    # update_item's copy of one item; only the former is changed.
    dynamodb_models.copy = SimpleNamespace(deepcopy=_tables_as_they_are)  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]


class _StreamWrites:
    """A wait for the next stream record written."""

    def __init__(self) -> None:
        self.changed = threading.Condition()

    def wrote(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> None:
        with self.changed:
            self.changed.wait_for(predicate, timeout=timeout)


STREAM_WAIT_MAX_SECONDS = 5.0
stream_writes = _StreamWrites()
_original_stream_add = StreamShard.add


def _stream_add(self: StreamShard, *args: Any, **kwargs: Any) -> None:
    _original_stream_add(self, *args, **kwargs)
    stream_writes.wrote()


class StreamRecords:
    """WSGI middleware: point 5, the stream pollers' wait-and-read, in front of moto."""

    def __init__(self, app: WSGIApp, lock: threading.Lock) -> None:
        self.app, self.lock = app, lock

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != STREAM_RECORDS_PATH:
            return self.app(environ, start_response)
        query = {
            k: v[-1] for k, v in urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).items()
        }
        try:
            after = int(query["after"]) if query.get("after") else None
            limit = int(query.get("limit", "100"))
            timeout = min(float(query.get("timeout", "1")), STREAM_WAIT_MAX_SECONDS)
            arn, shard_id = query["arn"], query["shard"]
        except (KeyError, ValueError):
            return _plain(start_response, "400 Bad Request", STREAM_RECORDS_USAGE)
        shard = _shard(arn, shard_id)
        if shard is None:
            return _plain(start_response, "404 Not Found", f"no shard {shard_id} in {arn}")
        start = shard.starting_sequence_number if after is None else after + 1

        def written() -> bool:
            found = _shard(arn, shard_id)
            return found is not None and found.starting_sequence_number + len(found.items) > start

        stream_writes.wait_for(written, max(0.0, timeout))
        with self.lock:  # not halfway through a transaction that may yet be rolled back
            shard = _shard(arn, shard_id)
            records = shard.get(start, max(1, limit)) if shard is not None else []
            body = json.dumps(_wire({"Records": records})).encode()
        start_response(
            "200 OK", [("Content-Type", "application/json"), (STREAM_RECORDS_HEADER, "1")]
        )
        return [body]


STREAM_RECORDS_USAGE = "arn, shard: the stream's; after: a sequence number; limit, timeout: numbers"


def _shard(arn: str, shard_id: str) -> StreamShard | None:
    """The shard `shard_id` of the stream `arn` (arn:aws:dynamodb:region:account:table/...)."""
    try:
        region, account, resource = arn.split(":", 5)[3:6]
        table = dynamodb_models.dynamodb_backends[account][region].tables[resource.split("/")[1]]
    except (ValueError, IndexError, KeyError):
        return None
    shard = table.stream_shard
    return shard if shard is not None and shard.id == shard_id else None


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain"), (STREAM_RECORDS_HEADER, "1")])
    return [text.encode()]


class _DirectRequest(MotoRequest):
    from_wsgi_server = True  # as moto's Flask app's requests: the server adds the Date


class TablesDirect:
    """WSGI: point 8, DynamoDB's and its stream's requests to moto's handler directly;
    every other request to `app` (moto's own dispatch)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        target = environ.get("HTTP_X_AMZ_TARGET") or ""
        handler = next((h for prefix, h in TABLE_HANDLERS if target.startswith(prefix)), None)
        if handler is None:
            return self.app(environ, start_response)
        request = _DirectRequest(environ)
        try:  # what moto's Flask view (moto.core.utils.convert_to_flask_response) does
            result = handler.dispatch(request, request.raw_url, dict(request.headers))
        except ClientError as exc:
            result = 400, {}, exc.response["Error"]["Message"]
        status, headers, content = result if len(result) == 3 else (200, {}, result)
        body = content.encode() if isinstance(content, str) else bytes(content)
        sent = [
            (k, str(v)) for k, v in headers.items() if k.lower() not in ("status", "content-length")
        ]
        sent.append(("Content-Length", str(len(body))))
        code = int(status)
        start_response(f"{code} {http.HTTPStatus(code).phrase}", sent)
        return [body]


def local_app() -> WSGIApp:
    """moto's server app as the local stack serves it: points 1, 2, 5 and 8 in front."""
    install()
    serialised = Serialised(TablesDirect(DomainDispatcherApplication(create_backend_app)))
    return StreamRecords(serialised, serialised.lock)


class AtomicMotoServer(ThreadedMotoServer):
    """moto's threaded server with its app behind `Serialised` and the backend patched."""

    def _server_entry(self) -> None:
        self._server = make_server(
            self._ip_address, self._port, local_app(), True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()
