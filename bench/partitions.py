"""Where a transfer's writes land: the spread of writes over each index's keys.

Runs TRANSFERS transfers (initiate, accept, complete; to AGENTS agents in turn) through
the real handlers, then reads the table's stream: each record is one write of the base
table, and its new or old image tells the index keys the write touched (every index
projects ALL, so any change of an item is a write on each index key it holds). A key
taking a large share of an index's writes is a hot key: DynamoDB gives one key 1,000
write units a second (docs/scale.md).

    python -m bench partitions
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bench.requests import INDEX_KEYS, local_stack

TRANSFERS = 40
AGENTS = 8


def measure() -> dict[str, Counter[str]]:
    from tests.support import api
    from tests.support.flows import open_transfer

    with local_stack() as (stack, _receiver, tokens):
        before = len(stack.stream_records())
        for n in range(TRANSFERS):
            agent = f"agent-{n % AGENTS}"
            tid = open_transfer(tokens, f"c-{n}", to_agent=agent)
            for move in ("accept", "complete"):
                res = api.move(move, tid, token=tokens.agent(agent))
                assert res.status == 200, res.body
        records = stack.stream_records()[before:]
    spread: dict[str, Counter[str]] = {k: Counter() for k in INDEX_KEYS}
    for record in records:
        images: dict[str, Any] = record["dynamodb"]
        for attr in INDEX_KEYS:
            values = {
                img[attr]["S"]
                for img in (images.get("NewImage") or {}, images.get("OldImage") or {})
                if attr in img
            }
            for value in values:  # a changed key: a delete on the old, a put on the new
                spread[attr][value] += 1
    return spread


def report(spread: dict[str, Counter[str]]) -> tuple[str, list[str]]:
    from bench.stats import table

    rows = []
    for attr, counts in spread.items():
        total = sum(counts.values())
        if not total:
            rows.append([attr, "0", "0", "-", "-"])
            continue
        key, hottest = counts.most_common(1)[0]
        rows.append([attr, str(total), str(len(counts)), key, f"{hottest / total:.0%}"])
    title = (
        f"Index writes of {TRANSFERS} transfers (initiate, accept, complete) to {AGENTS} "
        "agents, read from the stream: how they spread over each index's keys"
    )
    head = ["index key", "writes", "keys", "hottest key", "hottest share"]
    return title + "\n" + table(head, rows), []
