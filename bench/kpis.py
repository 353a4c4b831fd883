"""`python -m bench stats`: GET /stats reads counters, not transfers, so a month costs what
a day does. The table (a moto server in this process) holds the counters of 100,000
transfers over 30 days, written directly (every hour and day of the `all` scope, 5 queues
and 20 agents, with latency histograms), as count_transfers would have left them; then the
get_stats handler answers genuine API Gateway v2 events for 1 day and for 30 days.

Printed: the counter items each query read (items_read: bounded by the days, plus at most
23 hours at each end of a period not on midnight) and the median time, and the ratio of 30
days to 1 day (target: under 2, the same time up to noise).
"""

from __future__ import annotations

import logging
import os
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3

from bench.stats import median, table, verdict

TRANSFERS = 100_000
DAYS = 30
QUEUES = 5
AGENTS = 20
RUNS = 15
TARGET_RATIO = 2.0
END = datetime(2026, 3, 31, tzinfo=UTC)
TABLE = "warm-transfer-bench-stats"
REGION = "us-east-1"
SECRET = "bench-secret-0123456789abcdef0123456789"


def _amounts(rng: random.Random, transfers: int) -> dict[str, int]:
    from functions.domain import stats as rules

    accepted = int(transfers * 0.8)
    amounts = {
        "entered": transfers,
        "offered": int(transfers * 1.2),
        "accepted": accepted,
        "completed": int(accepted * 0.95),
        "abandoned": transfers - accepted,
        "unanswered": transfers - accepted,
        "accepted_in_sl": int(accepted * 0.7),
    }
    for _ in range(accepted):
        index = rules.bucket_of(rng.lognormvariate(2.5, 0.8))
        key = rules.histogram_key(rules.TIME_TO_ACCEPT, index)
        amounts[key] = amounts.get(key, 0) + 1
    return amounts


def fill(db: Any) -> int:
    """Every hour's and day's counter of DAYS days; returns the items written."""
    from functions.domain import stats as rules
    from functions.store.stats import day_sk, hour_sk
    from functions.store.table import keys

    rng = random.Random(27)
    per_hour = TRANSFERS // (DAYS * 24)
    scopes = [rules.ALL]
    scopes += [rules.queue_scope(f"q{i}") for i in range(QUEUES)]
    scopes += [rules.agent_scope(f"a{i}") for i in range(AGENTS)]
    items = []
    start = END - timedelta(days=DAYS)
    for scope in scopes:
        share = per_hour if scope == rules.ALL else max(1, per_hour // 5)
        hours = [start + timedelta(hours=h) for h in range(DAYS * 24)]
        days: dict[str, dict[str, int]] = {}
        for hour in hours:
            amounts = _amounts(rng, share)
            items.append((scope, hour_sk(hour), amounts))
            day = days.setdefault(day_sk(hour), {})
            for k, v in amounts.items():
                day[k] = day.get(k, 0) + v
        items += [(scope, sk, amounts) for sk, amounts in days.items()]
    names = {
        "queues": {"SS": [f"q{i}" for i in range(QUEUES)]},
        "agents": {"SS": [f"a{i}" for i in range(AGENTS)]},
    }
    for n in range(0, len(items), 25):
        batch = [
            {
                "PutRequest": {
                    "Item": {
                        "pk": {"S": keys.stats_pk(scope)},
                        "sk": {"S": sk},
                        "entity": {"S": "stats"},
                        **{k: {"N": str(v)} for k, v in amounts.items()},
                        **(names if scope == rules.ALL else {}),
                    }
                }
            }
            for scope, sk, amounts in items[n : n + 25]
        ]
        db.batch_write_item(RequestItems={TABLE: batch})
    return len(items)


def measure() -> list[dict[str, Any]]:
    from moto.server import ThreadedMotoServer

    from infra.local_stack import LOCAL_CREDENTIALS, create_table

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request lines
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ.update(
        DYNAMODB_ENDPOINT_URL=endpoint,
        TABLE_NAME=TABLE,
        AWS_REGION=REGION,
        AWS_DEFAULT_REGION=REGION,
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AUTH_JWT_SECRET=SECRET,
    )
    try:
        create_table(endpoint, TABLE, REGION)
        credentials = LOCAL_CREDENTIALS
        db = boto3.client("dynamodb", endpoint_url=endpoint, region_name=REGION, **credentials)
        written = fill(db)
        from functions import get_stats
        from tests.support.apigw import invoke
        from tests.support.tokens import Tokens

        token = Tokens(SECRET).supervisor()
        day = END - timedelta(days=1)
        cases = {
            "1 day, by hour": {"from": day, "bucket": "hour"},
            "1 day, by day": {"from": day, "bucket": "day"},
            "30 days, by day": {"from": END - timedelta(days=DAYS), "bucket": "day"},
            "30 days off midnight": {
                "from": END - timedelta(days=DAYS, hours=-13),
                "to": END - timedelta(hours=11),
                "bucket": "day",
            },
            "30 days, per queue": {
                "from": END - timedelta(days=DAYS),
                "bucket": "day",
                "group_by": "queue",
            },
        }
        rows = []
        for name, case in cases.items():
            query = {
                "from": case["from"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                "to": case.get("to", END).strftime("%Y-%m-%dT%H:%M:%SZ"),
                **{k: v for k, v in case.items() if k in ("bucket", "group_by")},
            }
            took, read = [], 0
            for _ in range(RUNS + 1):
                began = time.perf_counter()
                res = invoke(get_stats.handler, "GET", "/stats", token=token, query=query)
                took.append((time.perf_counter() - began) * 1000)
                assert res.status == 200, res.body
                read = res.json["items_read"]
                total = res.json["total"]["entered"]
            rows.append({"case": name, "ms": median(took[1:]), "items": read, "entered": total})
        rows.append({"case": "counter items in the table", "items": written})
        return rows
    finally:
        from functions.store.table import client

        client.reset()
        server.stop()


def report(rows: list[dict[str, Any]]) -> tuple[str, list[str]]:
    by = {r["case"]: r for r in rows}
    ratio = by["30 days, by day"]["ms"] / by["1 day, by hour"]["ms"]
    ok = ratio < TARGET_RATIO
    lines = [
        table(
            ["query", "median ms", "items read", "entered"],
            [
                [r["case"], f"{r['ms']:.1f}" if "ms" in r else "-", r["items"], r.get("entered")]
                for r in rows
            ],
        ),
        f"30 days / 1 day (by hour): {ratio:.2f} (target < {TARGET_RATIO}) {verdict(ok)}",
    ]
    missed = [] if ok else [f"stats: 30 days took {ratio:.2f}x 1 day"]
    return "\n".join(lines), missed
