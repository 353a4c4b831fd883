"""Key and index names of the one DynamoDB table, read from infra/dynamodb-table.json.

The CloudFormation resource in infra/ is the single definition: serverless.yml includes
it, the local stack creates the table from it, and the code takes its key names from it,
so the three cannot disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFINITION_PATH = Path(__file__).resolve().parents[3] / "infra" / "dynamodb-table.json"


@dataclass(frozen=True)
class Index:
    name: str
    hash_key: str
    range_key: str


@dataclass(frozen=True)
class TableSchema:
    hash_key: str
    range_key: str
    ttl_attribute: str
    indexes: dict[str, Index]
    properties: dict[str, Any]

    def index(self, name: str) -> Index:
        return self.indexes[name]


def _keys(key_schema: list[dict[str, str]]) -> tuple[str, str]:
    by_type = {k["KeyType"]: k["AttributeName"] for k in key_schema}
    return by_type["HASH"], by_type["RANGE"]


@cache
def schema() -> TableSchema:
    resources = json.loads(DEFINITION_PATH.read_text())["Resources"]
    (table,) = (r for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table")
    props = table["Properties"]
    hash_key, range_key = _keys(props["KeySchema"])
    indexes = {
        gsi["IndexName"]: Index(gsi["IndexName"], *_keys(gsi["KeySchema"]))
        for gsi in props["GlobalSecondaryIndexes"]
    }
    return TableSchema(
        hash_key=hash_key,
        range_key=range_key,
        ttl_attribute=props["TimeToLiveSpecification"]["AttributeName"],
        indexes=indexes,
        properties=props,
    )


# Index names the code queries; schema() fails at import of the store if one is missing.
AGENT_INBOX = "agent_inbox"
BY_STATUS = "by_status"
BY_CREATED = "by_created"
# WebSocket connections by agent (socket_pk: AGENT#<sub> or SUPERVISORS): store/connections.py.
SOCKETS = "sockets"
# Transfers waiting in a queue, in the order they are offered (queue_pk: QUEUE#<name>,
# queue_sk: <priority>#<enqueued_at>#<transfer_id>): store/queues.py.
QUEUE_WAITING = "queue_waiting"
