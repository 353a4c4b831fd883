"""What a TransactWriteItems costs in the local stack's moto, as the table fills: moto as
shipped (deep-copies every table a transaction names) against the local stack's
(infra/atomic_moto.py: copies only the items written).

    python -m bench.local_stack [--items 0,5000] [--transactions 50]

Each cell: a fresh moto server in this process, the table filled with `items` turns of
other calls, then `transactions` two-item transactions (update a call, put a turn) one
after another over HTTP; the median time of one is printed, and the ratio between the
fullest and the emptiest table (flat: about 1).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB, create_table, reset

TABLE = "warm-transfer-bench-stack"
REGION = "us-east-1"


def _client(endpoint: str) -> Any:
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION, **LOCAL_CREDENTIALS)


def fill(db: Any, table: str, items: int) -> None:
    """Put `items` turns of other calls into `table` (25 per BatchWriteItem)."""
    for start in range(0, items, 25):
        batch = [
            {
                "PutRequest": {
                    "Item": {
                        "pk": {"S": f"CALL#fill-{n // 50}"},
                        "sk": {"S": f"TURN#{n % 50:08d}"},
                        "text": {"S": "an earlier caller said something"},
                    }
                }
            }
            for n in range(start, min(start + 25, items))
        ]
        db.batch_write_item(RequestItems={table: batch})


def _median_ms(endpoint: str, items: int, transactions: int) -> float:
    reset(endpoint)  # moto's backends are per process, not per server
    create_table(endpoint, TABLE, REGION)
    db = _client(endpoint)
    fill(db, TABLE, items)
    key = {"pk": {"S": "CALL#bench"}, "sk": {"S": "CALL"}}
    db.put_item(TableName=TABLE, Item={**key, "turn_count": {"N": "0"}})
    took = []
    for n in range(1, transactions + 1):
        turn = {"pk": {"S": "CALL#bench"}, "sk": {"S": f"TURN#{n:08d}"}, "seq": {"N": str(n)}}
        start = time.perf_counter()
        db.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": key,
                        "UpdateExpression": "ADD turn_count :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}},
                    }
                },
                {"Put": {"TableName": TABLE, "Item": turn}},
            ]
        )
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def measure(sizes: list[int], transactions: int) -> dict[str, dict[int, float]]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
    results: dict[str, dict[int, float]] = {"moto as shipped": {}, "local stack": {}}
    # moto as shipped first: the local stack patches moto's backend in this process.
    for items in sizes:
        plain = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        plain.start()
        host, port = plain.get_host_and_port()
        try:
            results["moto as shipped"][items] = _median_ms(
                f"http://{host}:{port}", items, transactions
            )
        finally:
            plain.stop()
    for items in sizes:
        local = LocalDynamoDB().start()
        try:
            results["local stack"][items] = _median_ms(local.endpoint_url, items, transactions)
        finally:
            local.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.local_stack", description=__doc__)
    parser.add_argument("--items", default="0,5000")
    parser.add_argument("--transactions", type=int, default=50)
    args = parser.parse_args()
    sizes = sorted({max(0, min(int(n), 20_000)) for n in args.items.split(",")})
    results = measure(sizes, max(1, min(args.transactions, 500)))
    for name, by_size in results.items():
        cells = ", ".join(f"{items:,} items {ms:.1f} ms" for items, ms in by_size.items())
        ratio = by_size[sizes[-1]] / by_size[sizes[0]]
        print(f"{name}: one 2-item TransactWriteItems, median: {cells} (ratio {ratio:.1f}x)")


if __name__ == "__main__":
    main()
