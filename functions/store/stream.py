"""DynamoDB stream records (as Lambda's event source mapping delivers them) as plain changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from functions.store.table.codec import from_wire


@dataclass(frozen=True)
class Change:
    sequence: str  # the record's SequenceNumber: what ReportBatchItemFailures names
    old: dict[str, Any] | None
    new: dict[str, Any] | None


def changes(records: Iterable[Mapping[str, Any]]) -> list[Change]:
    out = []
    for record in records:
        body = record["dynamodb"]
        old, new = body.get("OldImage"), body.get("NewImage")
        out.append(
            Change(
                body["SequenceNumber"],
                from_wire(old) if old else None,
                from_wire(new) if new else None,
            )
        )
    return out
