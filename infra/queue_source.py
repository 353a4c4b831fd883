"""Local SQS event source mapping: ReceiveMessage, invoke the function with Lambda's SQS
event, delete what did not fail (ReportBatchItemFailures). Failed messages come back when
their visibility timeout ends (deliver_webhooks sets it for its backoff); moto applies the
queue's RedrivePolicy. Started by infra/event_sources.py.

Like Lambda, several batches run at once (`concurrency` workers, one receiver): a batch
waiting on a hanging webhook receiver or a ringing phone does not hold up the others. A
FIFO queue still keeps each message group in order: SQS hands out none of a group's
messages while one of them is in flight."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3

from infra.lambda_invoke import closing_clients, invoke
from infra.local_stack import LOCAL_CREDENTIALS

# How long stop() waits for a poller to finish its batch (a long poll is 1 s).
STOP_SECONDS = 10

log = logging.getLogger("warm_transfer.local.queue_source")
Invoke = Callable[[str, dict[str, Any]], Any]


def lambda_sqs_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """A ReceiveMessage message as Lambda's SQS event source hands it to a function."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": message.get("MessageAttributes", {}),
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


@dataclass
class QueueMapping:
    """One function on an SQS queue."""

    function: str
    endpoint: str
    queue_url: str
    region: str
    batch_size: int = 10
    wait_seconds: int = 1
    invoke: Invoke = invoke
    concurrency: int = 4
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    # Batches received and not yet taken by a worker: at most one waiting per worker.
    _batches: queue.Queue[list[dict[str, Any]] | None] = field(
        default_factory=lambda: queue.Queue(maxsize=1)
    )

    def start(self) -> QueueMapping:
        name = f"sqs-{self.function}"
        self._threads = [threading.Thread(target=self._receive, name=name, daemon=True)]
        self._threads += [
            threading.Thread(target=closing_clients(self._work), name=f"{name}-{n}", daemon=True)
            for n in range(self.concurrency)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=STOP_SECONDS)

    def _client(self) -> Any:
        return boto3.client(
            "sqs", endpoint_url=self.endpoint, region_name=self.region, **LOCAL_CREDENTIALS
        )

    def _receive(self) -> None:
        sqs = self._client()
        arn = sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        while not self._stop.is_set():
            try:
                got = sqs.receive_message(
                    QueueUrl=self.queue_url,
                    MaxNumberOfMessages=self.batch_size,
                    WaitTimeSeconds=self.wait_seconds,
                    AttributeNames=["All"],
                    MessageAttributeNames=["All"],
                )
                messages = got.get("Messages") or []
                if messages:
                    records = [lambda_sqs_record(m, arn, self.region) for m in messages]
                    self._hand_over(records)
            except Exception:
                if self._stop.is_set():
                    return
                log.exception("queue poll failed")
                self._stop.wait(0.5)

    def _hand_over(self, records: list[dict[str, Any]]) -> None:
        """To the next free worker (waiting while all are busy, as Lambda's poller does)."""
        while not self._stop.is_set():
            try:
                self._batches.put(records, timeout=0.2)
                return
            except queue.Full:
                continue

    def _work(self) -> None:
        sqs = self._client()
        while not self._stop.is_set():
            try:
                records = self._batches.get(timeout=0.2)
            except queue.Empty:
                continue
            if records is not None:
                self._run_batch(sqs, records)

    def _run_batch(self, sqs: Any, records: list[dict[str, Any]]) -> None:
        try:
            out = self.invoke(self.function, {"Records": records}) or {}
        except Exception:
            log.exception("queue handler crashed")  # all come back after the timeout
            return
        failed = {f["itemIdentifier"] for f in out.get("batchItemFailures") or []}
        done = [r for r in records if r["messageId"] not in failed]
        try:
            if done:
                sqs.delete_message_batch(
                    QueueUrl=self.queue_url,
                    Entries=[
                        {"Id": str(n), "ReceiptHandle": r["receiptHandle"]}
                        for n, r in enumerate(done)
                    ],
                )
        except Exception:
            log.exception("queue delete failed")  # they come back and are applied once
