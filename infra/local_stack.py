"""The embedded DynamoDB for local runs and tests: moto's server, in this process.

The table is created from infra/dynamodb-table.json, the same definition serverless.yml
deploys, so local runs and tests use exactly the deployed keys and indexes.
"""

from __future__ import annotations

import copy
import logging
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import boto3

from functions.store.table.schema import schema
from infra.atomic_moto import AtomicMotoServer

# Fake credentials: moto accepts any, and nothing here may reach a real AWS account.
LOCAL_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


def table_create_args(table_name: str) -> dict[str, Any]:
    """create_table arguments from the CloudFormation properties of the one table."""
    props = schema().properties
    return {
        "TableName": table_name,
        "BillingMode": props["BillingMode"],
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "GlobalSecondaryIndexes": props["GlobalSecondaryIndexes"],
        # The stream publish_events consumes (moto keeps its records; infra/event_sources.py polls).
        "StreamSpecification": {"StreamEnabled": True, **props["StreamSpecification"]},
    }


def create_table(endpoint_url: str, table_name: str, region: str) -> None:
    client = boto3.client(
        "dynamodb", endpoint_url=endpoint_url, region_name=region, **LOCAL_CREDENTIALS
    )
    client.create_table(**table_create_args(table_name))
    client.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"AttributeName": schema().ttl_attribute, "Enabled": True},
    )


def reset(endpoint_url: str) -> None:
    """Drop every table and item of the moto server at `endpoint_url` (its reset endpoint)."""
    request = urllib.request.Request(f"{endpoint_url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass


def _cheap_stream_copies() -> None:
    """moto (5.2.5) deep-copies a table before every TransactWriteItems, for its rollback,
    and the table holds its whole stream: each transaction then costs more as the stream
    grows (moto never trims it). A copy of the stream here shares the records (they never
    change once written) and copies only the list, so a rollback still drops the records
    of the cancelled transaction, as DynamoDB writes none. Local stack only."""
    from moto.dynamodb.models.table import StreamShard

    def shallow(self: StreamShard, memo: dict[int, Any]) -> StreamShard:
        copied = copy.copy(self)
        memo[id(self)] = copied
        copied.items = list(self.items)
        copied.table = copy.deepcopy(self.table, memo)  # the table copy being made
        return copied

    StreamShard.__deepcopy__ = shallow  # type: ignore[attr-defined]


@dataclass
class LocalDynamoDB:
    """A moto server on 127.0.0.1 (port 0: the OS picks a free one), made to keep
    DynamoDB's per-item atomicity and idempotent transactions (infra/atomic_moto.py)."""

    port: int = 0
    _server: AtomicMotoServer | None = field(default=None, init=False)

    @property
    def endpoint_url(self) -> str:
        assert self._server is not None, "not started"
        host, port = self._server.get_host_and_port()
        return f"http://{host}:{port}"

    def start(self) -> LocalDynamoDB:
        _cheap_stream_copies()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        self._server = AtomicMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()
        return self

    def reset(self) -> None:
        """Drop every table and item."""
        reset(self.endpoint_url)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
