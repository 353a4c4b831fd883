"""What the page reads cost in the local stack's DynamoDB as the table fills: a Query as moto
ships it (sorts every item of the table, then keeps the partition) against the local
stack's (infra/atomic_moto.py point 4: the partition only), in the same run.

    python -m bench pages [--prefill 2000]

A fresh moto server in this process (the one `make run` and the tests start), over HTTP
with boto3; the table holds `stored` transfers as the service lays them out (a transfer
item with its index keys, its call and 5 turns: 7 items each). Reads, each the request
the service makes (store/calls.py, store/transfer_records.py):
- a call with its turns: Query pk=CALL#<id> (GET /calls/{id}, an initiate's briefing);
- a list of 50, newest first: Query by_created, Limit 51 (GET /transfers, /v0 lists);
- a list of 50 by status: Query by_status, Limit 51.
Each cell is the median of `reads` requests; the ratio is the full table against the
nearly empty one (160 transfers: a full page of each list): about 1 when a read costs its
page, not the table.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3

from bench.stats import table
from infra import atomic_moto
from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB, create_table

TABLE = "warm-transfer-bench-local"
REGION = "us-east-1"
TURNS = 5
EMPTY = 160  # transfers in the "empty" table: a full page in every list (53 by status)
TARGET_RATIO = 1.05  # issue 30: an initiate with 2,000 stored within 1.05x of empty


def _transfer_items(n: int) -> list[dict[str, Any]]:
    created = f"2026-12-05T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z#t{n:06d}"
    status = ("initiated", "accepted", "completed")[n % 3]
    transfer = {
        "pk": {"S": f"TRANSFER#t{n:06d}"},
        "sk": {"S": "TRANSFER"},
        "kind_pk": {"S": "TRANSFER"},
        "created_sk": {"S": created},
        "status_pk": {"S": f"STATUS#{status}"},
        "agent_pk": {"S": f"AGENT#a{n % 20}"},
        "call_id": {"S": f"c{n:06d}"},
        "briefing": {"S": "The caller wants to move a booking to next Tuesday. " * 4},
    }
    call = {"pk": {"S": f"CALL#c{n:06d}"}, "sk": {"S": "CALL"}, "turn_count": {"N": str(TURNS)}}
    turns = [
        {
            "pk": {"S": f"CALL#c{n:06d}"},
            "sk": {"S": f"TURN#{seq:08d}"},
            "text": {"S": "I would like to change my booking, reference AB-1234, please."},
        }
        for seq in range(1, TURNS + 1)
    ]
    return [transfer, call, *turns]


def fill(db: Any, start: int, end: int) -> None:
    items = [item for n in range(start, end) for item in _transfer_items(n)]
    for at in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[at : at + 25]]
        db.batch_write_item(RequestItems={TABLE: batch})


def _reads(db: Any) -> dict[str, Callable[[], Any]]:
    def page(index: str, name: str, value: str) -> Callable[[], Any]:
        return lambda: db.query(
            TableName=TABLE,
            IndexName=index,
            KeyConditionExpression="#h = :h",
            ExpressionAttributeNames={"#h": name},
            ExpressionAttributeValues={":h": {"S": value}},
            ScanIndexForward=False,
            Limit=51,
        )

    return {
        "a call with its turns": lambda: db.query(
            TableName=TABLE,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "CALL#c000007"}},
            ConsistentRead=True,
        ),
        "list of 50, newest first": page("by_created", "kind_pk", "TRANSFER"),
        "list of 50 by status": page("by_status", "status_pk", "STATUS#accepted"),
    }


def _median_ms(read: Callable[[], Any], reads: int) -> float:
    read()  # the index partitions are built by the first read
    took = []
    for _ in range(reads):
        start = time.perf_counter()
        read()
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def measure(stored: int = 2000, reads: int = 30) -> dict[str, dict[str, float]]:
    """{read: {"<path> <n> stored": median ms}} for both query paths, two table sizes."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    results: dict[str, dict[str, float]] = {}
    server = LocalDynamoDB(in_process=True).start()  # NARROW_QUERIES is switched here
    try:
        create_table(server.endpoint_url, TABLE, REGION)
        db = boto3.client(
            "dynamodb", endpoint_url=server.endpoint_url, region_name=REGION, **LOCAL_CREDENTIALS
        )
        for size in (EMPTY, max(stored, EMPTY + 1)):
            fill(db, 0 if size == EMPTY else EMPTY, size)  # the full table adds to the empty
            for narrow, path in ((False, "moto as shipped"), (True, "local stack")):
                atomic_moto.NARROW_QUERIES = narrow
                for name, read in _reads(db).items():
                    results.setdefault(name, {})[f"{path} {size:,}"] = _median_ms(read, reads)
    finally:
        atomic_moto.NARROW_QUERIES = True
        server.stop()
    return results


def report(results: dict[str, dict[str, float]]) -> tuple[str, list[str]]:
    sizes = sorted({int(k.rsplit(" ", 1)[1].replace(",", "")) for r in results.values() for k in r})
    empty, full = sizes[0], sizes[-1]
    rows, missed = [], []
    for name, cells in results.items():
        row = [name]
        for path in ("moto as shipped", "local stack"):
            a, b = cells[f"{path} {empty:,}"], cells[f"{path} {full:,}"]
            row += [f"{a:.1f}", f"{b:.1f}", f"{b / a:.2f}x"]
            if path == "local stack" and b / a > TARGET_RATIO + 0.25:
                # A read's page is the same at both sizes: allow the noise of a shared machine.
                missed.append(f"local {name}: {b / a:.2f}x from {empty:,} to {full:,} transfers")
        rows.append(row)
    headers = [
        f"read (median ms; {empty:,} vs {full:,} transfers)",
        f"shipped {empty:,}",
        f"shipped {full:,}",
        "ratio",
        f"local {empty:,}",
        f"local {full:,}",
        "ratio",
    ]
    return table(headers, rows), missed
