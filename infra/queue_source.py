"""Local SQS event source mapping: ReceiveMessage, invoke the function with Lambda's SQS
event, delete what did not fail (ReportBatchItemFailures). Failed messages come back when
their visibility timeout ends (deliver_webhooks sets it for its backoff); moto applies the
queue's RedrivePolicy. Started by infra/event_sources.py."""

from __future__ import annotations

import logging
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
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> QueueMapping:
        self._thread = threading.Thread(
            target=closing_clients(self._run), name=f"sqs-{self.function}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=STOP_SECONDS)

    def _run(self) -> None:
        sqs = boto3.client(
            "sqs", endpoint_url=self.endpoint, region_name=self.region, **LOCAL_CREDENTIALS
        )
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
                if not messages:
                    continue
                records = [lambda_sqs_record(m, arn, self.region) for m in messages]
                try:
                    out = self.invoke(self.function, {"Records": records}) or {}
                except Exception:
                    log.exception("queue handler crashed")  # all come back after the timeout
                    continue
                failed = {f["itemIdentifier"] for f in out.get("batchItemFailures") or []}
                done = [r for r in records if r["messageId"] not in failed]
                if done:
                    sqs.delete_message_batch(
                        QueueUrl=self.queue_url,
                        Entries=[
                            {"Id": str(n), "ReceiptHandle": r["receiptHandle"]}
                            for n, r in enumerate(done)
                        ],
                    )
            except Exception:
                if self._stop.is_set():
                    return
                log.exception("queue poll failed")
                self._stop.wait(0.5)
