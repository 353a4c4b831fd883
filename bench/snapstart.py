"""SnapStart: per function, the first invocation after init against a warm one.

Lambda restores a SnapStart function from a snapshot taken after its init and its
before-snapshot hooks (functions/runtime/snapstart.py); the first request a restored container
serves is what a caller feels. Each sample is a fresh process (bench/cold_child.py `snap`):
import the handler, run the hooks as Lambda would (before the snapshot, after the restore),
then time the first invocation and five more (the warm ones), the table put back to the
seeded items before each, so every invocation makes the same calls. Baseline from the same
run: the same processes without the hooks (today's cold path, which makes its clients and
loads its lazy modules in the first request). A snapshot cannot be taken here; what the
restore itself costs on Lambda (restoring memory) is not in these figures.

    python -m bench snapstart [--runs N] [--functions a,b]
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench import scenarios
from bench.cold import CHILD, Stack, base_env, routes, spawn
from bench.stats import median, table, verdict

TARGET = 1.5  # first invocation after a restore <= 1.5x a warm one


def measure(runs: int, only: Sequence[str] | None) -> dict[str, Any]:
    from bench.bundle import build

    fns = routes(only)
    samples: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-snapstart-") as tmp:
        work = Path(tmp)
        bundle = build(work)
        with Stack() as stack:
            env = base_env({**stack.env, **bundle.env("compiled")})
            moto_url = stack.env["DYNAMODB_ENDPOINT_URL"]
            for run in range(runs):
                for route in fns:
                    name = route.function
                    event_file = work / f"{name}.event.json"
                    if not event_file.exists():
                        event_file.write_text(json.dumps(scenarios.event(route, stack.seeds)))
                    module = route.module.rsplit(".", 1)[1]
                    for variant in ("hooks", "no-hooks"):
                        cmd = [bundle.python, str(CHILD), "snap", module, str(event_file)]
                        stack.snapshot.restore()  # the child keeps these items as its own
                        _, got = spawn([*cmd, variant, moto_url], env)
                        if max(got["statuses"]) >= 400:
                            raise RuntimeError(f"{name} answered {got['statuses']}")
                        cell = samples.setdefault(f"{name}/{variant}", {"first": [], "warm": []})
                        cell["first"].append(got["ms"][0])
                        cell["warm"].append(median(got["ms"][1:]))
                print(f"  snapstart round {run + 1}/{runs} done", file=sys.stderr, flush=True)
    return {"samples": samples, "functions": [r.function for r in fns], "runs": runs}


def report(result: Mapping[str, Any]) -> tuple[str, list[str]]:
    s = result["samples"]
    rows, missed = [], []
    for name in result["functions"]:
        hooked, bare = s[f"{name}/hooks"], s[f"{name}/no-hooks"]
        warm = median(hooked["warm"])
        first, first_bare = median(hooked["first"]), median(bare["first"])
        ratio, ratio_bare = first / warm, first_bare / median(bare["warm"])
        ok = ratio <= TARGET
        if not ok:
            missed.append(f"snapstart {name}: first invocation {ratio:.2f}x a warm one")
        rows.append(
            [
                name,
                f"{first:.1f}",
                f"{warm:.1f}",
                f"{ratio:.2f}x",
                f"{first_bare:.1f}",
                f"{ratio_bare:.2f}x",
                verdict(ok),
            ]
        )
    head = [
        "function",
        "first after restore ms",
        "warm ms",
        "first/warm",
        "first, no hooks ms",
        "first/warm, no hooks",
        f"<= {TARGET}x",
    ]
    title = (
        "SnapStart: first invocation after init + before-snapshot + after-restore hooks, "
        f"against a warm invocation (median of {result['runs']} fresh processes; warm = "
        "median of 5 later invocations); without the hooks for comparison"
    )
    return title + "\n" + table(head, rows), missed
