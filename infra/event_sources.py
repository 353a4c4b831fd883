"""Local event source mappings: poll the table's stream and the SQS queues of the embedded
moto as Lambda does, and invoke the same handlers with genuine event payloads.

Stream (functions with a `stream` event): records in order, `batchSize` at a time;
ReportBatchItemFailures resumes from the first failed record; a crash bisects the batch;
after `maximumRetryAttempts` the records go to the on-failure list. SQS (`sqs` events):
infra/queue_source.py.

Found while building this against moto 5.2.5: its stream records TransactWriteItems (one
record per item written, in order) and conditional writes (only those that succeed;
failed conditions and cancelled transactions write none), like DynamoDB. Its records lack
`eventSourceARN` (Lambda adds it, as here) and boto3 parses ApproximateCreationDateTime
into a datetime (Lambda sends epoch seconds: converted back). It has one shard per table.
An iterator is bound to the table object, which a cancelled transaction's rollback
replaces: each poll takes a fresh iterator after the last record (README "Events"). On
the local stack's moto a poll is one request instead (`StreamReader`).
Lambda's filter criteria (filterPatterns) are not applied here; publish_events skips the
same records itself.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3

from infra.lambda_invoke import closing_clients, functions_with, invoke
from infra.local_stack import LOCAL_CREDENTIALS, STREAM_RECORDS_HEADER, STREAM_RECORDS_PATH
from infra.queue_source import STOP_SECONDS, QueueMapping

log = logging.getLogger("warm_transfer.local.event_sources")
SHARDS_REFRESH_SECONDS = 5.0  # Lambda too learns of new shards between polls
IDLE_WAIT_SECONDS = 1.0  # an idle mapping polls once a second (a stop waits at most this)
Invoke = Callable[[str, dict[str, Any]], Any]


def _client(service: str, endpoint: str, region: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name=region, **LOCAL_CREDENTIALS)


def lambda_stream_record(record: dict[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    """A GetRecords record as Lambda's DynamoDB event source hands it to a function."""
    body = dict(record["dynamodb"])
    created = body.get("ApproximateCreationDateTime")
    if created is not None and hasattr(created, "timestamp"):
        body["ApproximateCreationDateTime"] = int(created.timestamp())
    return {
        "eventID": record["eventID"],
        "eventName": record["eventName"],
        "eventVersion": record.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": body,
        "eventSourceARN": stream_arn,
    }


def records_as_sent(endpoint: str, region: str, iterator: str, limit: int) -> list[dict[str, Any]]:
    """GetRecords' records as the wire carries them, which is what Lambda hands a function
    (times in epoch seconds, binary values in base64). botocore's parse would make them
    datetimes and bytes, for lambda_stream_record to undo, and it was most of the stream
    poller's CPU (py-spy, issue 30). moto takes any credentials: the signature is a shape."""
    scope = f"local/20260101/{region}/dynamodb/aws4_request"
    request = urllib.request.Request(
        endpoint,
        data=json.dumps({"ShardIterator": iterator, "Limit": limit}).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDBStreams_20120810.GetRecords",
            "Authorization": f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, "
            "Signature=0",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return list(json.load(answer)["Records"])


class StreamReader:
    """The local stack's wait-and-read of a shard's records (infra/atomic_moto.py point 5):
    one request a poll, held until a record comes. Against another DynamoDB (no such
    endpoint) `records` answers None, and the mapping polls with shard iterators."""

    def __init__(self, endpoint: str) -> None:
        self.url = endpoint.rstrip("/") + STREAM_RECORDS_PATH
        self.supported = True

    def records(
        self, arn: str, shard: str, after: str | None, limit: int, timeout: float
    ) -> list[dict[str, Any]] | None:
        """The records after sequence number `after` (from the start when None), as the
        wire carries them, once there is one or after `timeout` s; None: not supported."""
        if not self.supported:
            return None
        query = {"arn": arn, "shard": shard, "after": after or "", "limit": limit}
        url = f"{self.url}?{urllib.parse.urlencode({**query, 'timeout': timeout})}"
        try:
            with urllib.request.urlopen(url, timeout=timeout + 30) as answer:
                return list(json.load(answer)["Records"])
        except urllib.error.HTTPError as refused:
            if refused.headers.get(STREAM_RECORDS_HEADER):
                raise  # the local stack's own refusal: a fault to log, then poll again
            self.supported = False  # not the local stack's moto: poll with iterators
            return None


@dataclass
class StreamMapping:
    """One function on the table's stream."""

    function: str
    endpoint: str
    table: str
    region: str
    batch_size: int = 100
    max_retries: int = 10
    bisect: bool = True
    poll_seconds: float = 0.05
    retry_seconds: float = 0.2
    # As serverless.yml's startingPosition: LATEST skips what the stream held when the
    # mapping started (items a PERSIST=1 restart loads back are not events again).
    starting_position: str = "TRIM_HORIZON"
    invoke: Invoke = invoke
    failures: list[dict[str, Any]] = field(default_factory=list)  # the on-failure destination
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _start_after: dict[str, str | None] = field(default_factory=dict)

    def start(self) -> StreamMapping:
        if self.starting_position == "LATEST":
            # Before the thread: a write made right after start() is not skipped.
            streams = _client("dynamodbstreams", self.endpoint, self.region)
            table = _client("dynamodb", self.endpoint, self.region).describe_table(
                TableName=self.table
            )
            self._start_after = self._ends(streams, table["Table"]["LatestStreamArn"])
        self._thread = threading.Thread(
            target=closing_clients(self._run), name=f"stream-{self.function}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=STOP_SECONDS)

    def _ends(self, streams: Any, arn: str) -> dict[str, str | None]:
        """The last sequence number each shard holds now (what LATEST starts after)."""
        ends: dict[str, str | None] = {}
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            last: str | None = None
            while True:
                where: dict[str, str] = (
                    {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
                    if last
                    else {"ShardIteratorType": "TRIM_HORIZON"}
                )
                iterator = streams.get_shard_iterator(
                    StreamArn=arn, ShardId=shard["ShardId"], **where
                )["ShardIterator"]
                records = streams.get_records(ShardIterator=iterator, Limit=1000)["Records"]
                if not records:
                    break
                last = records[-1]["dynamodb"]["SequenceNumber"]
            ends[shard["ShardId"]] = last
        return ends

    def _run(self) -> None:
        streams = _client("dynamodbstreams", self.endpoint, self.region)
        arn = _client("dynamodb", self.endpoint, self.region).describe_table(TableName=self.table)[
            "Table"
        ]["LatestStreamArn"]
        # The last sequence number delivered, per shard. Each poll reads after it (where
        # there is no StreamReader: a fresh iterator after it, rather than NextShardIterator:
        # moto binds an iterator to the table object, and a cancelled transaction replaced
        # that object with a copy, its rollback, so an old iterator never saw a record again).
        done: dict[str, str | None] = {}
        shards: list[dict[str, Any]] = []
        described = float("-inf")
        done.update(self._start_after)  # LATEST: after what the shards held at start()
        reader = StreamReader(self.endpoint)
        polled = float("-inf")
        while not self._stop.wait(max(0.0, polled + self.poll_seconds - time.monotonic())):
            # At least the interval between polls, so a burst's records come in batches.
            polled = time.monotonic()
            try:
                if time.monotonic() - described > SHARDS_REFRESH_SECONDS:
                    description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
                    shards, described = description["Shards"], time.monotonic()
                # One shard (moto has one a table) waits for its next record; with more,
                # none may hold up the others.
                wait = IDLE_WAIT_SECONDS if len(shards) == 1 else 0.0
                for shard in shards:
                    after = done.setdefault(shard["ShardId"], None)
                    page = reader.records(arn, shard["ShardId"], after, self.batch_size, wait)
                    if page is None:
                        page = self._read(streams, arn, shard["ShardId"], after)
                    records = [lambda_stream_record(r, arn, self.region) for r in page]
                    if records:
                        self._deliver(records, 0)
                        done[shard["ShardId"]] = records[-1]["dynamodb"]["SequenceNumber"]
            except Exception:
                if self._stop.is_set():
                    return
                log.exception("stream poll failed")

    def _read(self, streams: Any, arn: str, shard: str, after: str | None) -> list[dict[str, Any]]:
        """A poll with a fresh shard iterator after `after`: any DynamoDB's way."""
        where: dict[str, str] = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
            if after
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, **where)
        return records_as_sent(
            self.endpoint, self.region, iterator["ShardIterator"], self.batch_size
        )

    def _deliver(self, records: list[dict[str, Any]], attempts: int) -> None:
        """Invoke until the batch is done, resuming from the first failed record."""
        pending = records
        while pending and not self._stop.is_set():
            try:
                out = self.invoke(self.function, {"Records": pending}) or {}
            except Exception:
                log.exception("stream handler crashed")
                attempts += 1
                if attempts > self.max_retries:
                    self._give_up(pending)
                    return
                if self.bisect and len(pending) > 1:
                    half = len(pending) // 2
                    self._deliver(pending[:half], attempts)
                    self._deliver(pending[half:], attempts)
                    return
                self._stop.wait(self.retry_seconds)
                continue
            failed = {f["itemIdentifier"] for f in out.get("batchItemFailures") or []}
            if not failed:
                return
            first = next(
                (i for i, r in enumerate(pending) if r["dynamodb"]["SequenceNumber"] in failed),
                0,  # an identifier not in the batch: Lambda retries the whole batch
            )
            pending = pending[first:]
            attempts += 1
            if attempts > self.max_retries:
                self._give_up(pending)
                return
            self._stop.wait(self.retry_seconds)

    def _give_up(self, records: list[dict[str, Any]]) -> None:
        log.error("stream records sent to the on-failure destination")
        self.failures.append(
            {
                "function": self.function,
                "first_sequence": records[0]["dynamodb"]["SequenceNumber"],
                "last_sequence": records[-1]["dynamodb"]["SequenceNumber"],
                "count": len(records),
            }
        )


def queue_names() -> dict[str, dict[str, Any]]:
    """The SQS queues of infra/queues.json: logical id -> properties."""
    import json
    from pathlib import Path

    doc = json.loads((Path(__file__).parent / "queues.json").read_text())
    return {k: v["Properties"] for k, v in doc["Resources"].items()}


@dataclass
class LocalEvents:
    """The queues created in moto, and every mapping of serverless.yml running on them."""

    endpoint: str
    table: str
    region: str
    prefix: str = "warm-transfer-local"
    poll_seconds: float = 0.05
    queue_urls: dict[str, str] = field(default_factory=dict)
    mappings: list[Any] = field(default_factory=list)

    def has_stream(self) -> bool:
        table = _client("dynamodb", self.endpoint, self.region).describe_table(
            TableName=self.table
        )["Table"]
        return bool(table.get("LatestStreamArn"))

    def create_queues(self) -> dict[str, str]:
        """Create the queues of infra/queues.json (DLQ redrive included); logical id -> URL."""
        import json

        sqs = _client("sqs", self.endpoint, self.region)
        props = queue_names()
        # Dead-letter queues first: the redrive policy names their ARNs.
        for logical in sorted(props, key=lambda k: "RedrivePolicy" in props[k]):
            attributes = {}
            redrive = props[logical].get("RedrivePolicy")
            if redrive:
                target = redrive["deadLetterTargetArn"]["Fn::GetAtt"][0]
                arn = sqs.get_queue_attributes(
                    QueueUrl=self.queue_urls[target], AttributeNames=["QueueArn"]
                )["Attributes"]["QueueArn"]
                attributes["RedrivePolicy"] = json.dumps(
                    {"deadLetterTargetArn": arn, "maxReceiveCount": redrive["maxReceiveCount"]}
                )
            for name in (
                "VisibilityTimeout",
                "FifoQueue",
                "DeduplicationScope",
                "FifoThroughputLimit",
            ):
                if name in props[logical]:
                    value = props[logical][name]
                    attributes[name] = str(value).lower() if isinstance(value, bool) else str(value)
            name = props[logical]["QueueName"].replace("${self:service}-${sls:stage}", self.prefix)
            self.queue_urls[logical] = sqs.create_queue(QueueName=name, Attributes=attributes)[
                "QueueUrl"
            ]
        return self.queue_urls

    def start(self) -> LocalEvents:
        for function, events in functions_with("stream").items():
            spec = events[0]
            self.mappings.append(
                StreamMapping(
                    function,
                    self.endpoint,
                    self.table,
                    self.region,
                    batch_size=int(spec.get("batchSize", 100)),
                    max_retries=int(spec.get("maximumRetryAttempts", 10)),
                    bisect=bool(spec.get("bisectBatchOnFunctionError", False)),
                    poll_seconds=self.poll_seconds,
                    starting_position=str(spec.get("startingPosition", "TRIM_HORIZON")),
                ).start()
            )
        for function, events in functions_with("sqs").items():
            logical = str(events[0]["arn"]).split(".")[0]  # !GetAtt <Queue>.Arn, read as text
            self.mappings.append(
                QueueMapping(
                    function,
                    self.endpoint,
                    self.queue_urls[logical],
                    self.region,
                    batch_size=int(events[0].get("batchSize", 10)),
                ).start()
            )
        return self

    def stop(self) -> None:
        for mapping in self.mappings:
            mapping.stop()
