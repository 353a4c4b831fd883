"""The table's stream, second consumer: the KPI counters of GET /stats (services/stats.py),
each change counted once (a mark per transfer and version, in the counters' transaction).
Its own function, not publish_events: a socket that fails must not hold the counters back,
nor a counter write repeat pushes, and each keeps its own grants and retries."""

from __future__ import annotations

from typing import Any

from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services import stats
from functions.store.stream import changes


@event_function("count_transfers")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failed = lambda_loop.run(stats.count_changes(changes(event.get("Records") or [])))
    return {"batchItemFailures": [{"itemIdentifier": failed}] if failed else []}
