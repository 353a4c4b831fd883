"""Warm overhead: what a warm invocation adds over the bare store calls it makes.

One fresh process (the project's virtualenv, Python 3.11) holds both: the Mangum handler
of GET /transfers/{id} and POST /calls/{id}/turns fed genuine API Gateway events, and the
bare aioboto3 calls each makes, on the same client, the same event loop and the same moto
server (its own process). Samples are interleaved so machine noise falls on both alike.

    python -m bench warm
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import median, percentile, table, verdict

ITERATIONS = 300
MAX_SECONDS = 120.0  # the loop stops here even if ITERATIONS are not done
WARMUP = 20
OVERHEAD_P50_MS = 2.0


def _bare_calls(loop: Any, db: Any, transfer_id: str, call_id: str) -> dict[str, Any]:
    """The store calls the two handlers make, written out against the raw client.

    Mirrors functions/store/transfers.py (get) and functions/store/calls.py (append_turns:
    one counter update reserving the seq, then a transaction putting the turn) with the
    key names of the one table definition.
    """
    from functions.shared.settings import get_settings
    from functions.store.table.schema import schema

    table_name, s = get_settings().table_name, schema()
    pk, sk = s.hash_key, s.range_key

    async def get_transfer() -> None:
        key = {pk: {"S": f"TRANSFER#{transfer_id}"}, sk: {"S": "TRANSFER"}}
        got = await db.get_item(TableName=table_name, Key=key, ConsistentRead=True)
        assert "Item" in got

    async def append_turn() -> None:
        key = {pk: {"S": f"CALL#{call_id}"}, sk: {"S": "CALL"}}
        out = await db.update_item(
            TableName=table_name,
            Key=key,
            UpdateExpression="ADD turn_count :n",
            ConditionExpression="attribute_exists(#pk)",
            ExpressionAttributeNames={"#pk": pk},
            ExpressionAttributeValues={":n": {"N": "1"}},
            ReturnValues="UPDATED_NEW",
        )
        seq = int(out["Attributes"]["turn_count"]["N"])
        turn = {
            pk: {"S": f"CALL#{call_id}"},
            sk: {"S": f"TURN#{seq:08d}"},
            "entity": {"S": "turn"},
            "seq": {"N": str(seq)},
            "speaker": {"S": "caller"},
            "text": {"S": "Are you still there?"},
            "at": {"S": "2026-01-01T00:00:00Z"},
            s.ttl_attribute: {"N": str(int(time.time()) + 86400)},
        }
        await db.transact_write_items(
            TransactItems=[{"Put": {"TableName": table_name, "Item": turn}}]
        )

    return {
        "get_transfer": lambda: loop.run_until_complete(get_transfer()),
        "append_turns": lambda: loop.run_until_complete(append_turn()),
    }


def child(seeds_path: str, out_path: str) -> None:
    """Runs in the fresh process: time the handlers and the bare calls, interleaved."""
    import asyncio

    from bench import scenarios
    from functions import append_turns, get_transfer
    from functions.store.table import client as dynamodb
    from infra.routes import load
    from tests.support.apigw import LambdaContext

    seeds = json.loads(Path(seeds_path).read_text())
    routes = {r.function: r for r in load()}
    handlers = {"get_transfer": get_transfer.handler, "append_turns": append_turns.handler}
    events = {name: scenarios.event(routes[name], seeds) for name in handlers}
    context = LambdaContext()
    for name, handler in handlers.items():  # the first call opens the client on Mangum's loop
        assert handler(copy.deepcopy(events[name]), context)["statusCode"] < 300
    loop = asyncio.get_event_loop()
    db = loop.run_until_complete(dynamodb.client())
    bare = _bare_calls(loop, db, seeds["t_get"], seeds["call_id"])
    samples: dict[str, list[float]] = {f"{n}/{k}": [] for n in handlers for k in ("app", "bare")}
    deadline = time.monotonic() + MAX_SECONDS
    for i in range(WARMUP + ITERATIONS):
        if time.monotonic() > deadline:
            break
        for name, handler in handlers.items():
            event = copy.deepcopy(events[name])
            start = time.perf_counter()
            status = handler(event, context)["statusCode"]
            app_ms = (time.perf_counter() - start) * 1000
            assert status < 300, status
            start = time.perf_counter()
            bare[name]()
            bare_ms = (time.perf_counter() - start) * 1000
            if i >= WARMUP:
                samples[f"{name}/app"].append(app_ms)
                samples[f"{name}/bare"].append(bare_ms)
    Path(out_path).write_text(json.dumps(samples))


def measure() -> dict[str, list[float]]:
    from bench.cold import Stack, base_env
    from bench.services import ROOT

    with Stack() as stack, tempfile.TemporaryDirectory(prefix="bench-warm-") as work:
        seeds, out = Path(work, "seeds.json"), Path(work, "samples.json")
        seeds.write_text(json.dumps(stack.seeds))
        stack.snapshot.restore()
        env = base_env({**stack.env, "PYTHONPATH": str(ROOT)})
        cmd = [sys.executable, "-m", "bench.warm", str(seeds), str(out)]
        subprocess.run(
            cmd,
            env=env,
            cwd=ROOT,
            check=True,
            timeout=MAX_SECONDS + 120,
            stdout=subprocess.DEVNULL,  # the functions' access logs
            stderr=subprocess.PIPE if os.environ.get("BENCH_QUIET") else None,
        )
        return json.loads(out.read_text())


def report(samples: dict[str, list[float]]) -> tuple[str, list[str]]:
    rows, missed = [], []
    for name, label in (
        ("get_transfer", "GET /transfers/{id}"),
        ("append_turns", "POST /calls/{id}/turns"),
    ):
        app, bare = samples[f"{name}/app"], samples[f"{name}/bare"]
        added50 = median(app) - median(bare)
        added99 = percentile(app, 99) - percentile(bare, 99)
        ok = added50 <= OVERHEAD_P50_MS
        if not ok:
            missed.append(f"warm overhead {label}: +{added50:.2f} ms at p50")
        rows.append(
            [
                label,
                f"{median(app):.2f} / {percentile(app, 99):.2f}",
                f"{median(bare):.2f} / {percentile(bare, 99):.2f}",
                f"+{added50:.2f} / +{added99:.2f}",
                f"{median(app) / median(bare):.2f}x",
                verdict(ok),
            ]
        )
    n = len(samples["get_transfer/app"])
    title = (
        f"Warm invocations (Python {sys.version_info[0]}.{sys.version_info[1]}, the venv), "
        f"{n} interleaved samples each, one process: handler(event, context) vs the bare "
        f"aioboto3 calls on the same client and moto server. Target: p50 added <= "
        f"{OVERHEAD_P50_MS} ms"
    )
    head = ["endpoint", "handler p50/p99 ms", "bare p50/p99 ms", "added p50/p99 ms", "ratio"]
    return title + "\n" + table([*head, "target"], rows), missed


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
