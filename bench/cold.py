"""Cold start per function (and peak RSS after its first invocation), against baselines.

Every sample is a fresh process: the clock starts just before the spawn and stops when
the child has the handler's first response (CLOCK_MONOTONIC is shared across processes).
Baselines from the same run: `python -c pass`; the floor (the same third-party modules,
the same client, the same store calls, no app); the monolith (every route and SDK in one
app). Before each sample the table is put back to the seeded snapshot, so every sample
meets the same items and makes the same calls. Samples are interleaved across variants.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import scenarios
from bench.services import service
from bench.stats import median, spread, table, verdict
from infra.routes import Route

CHILD = Path(__file__).with_name("cold_child.py")
CHILD_TIMEOUT = 120.0  # seconds per sample; a hung child fails the bench instead of waiting
PASS_CODE = "import time; print(time.monotonic(), time.process_time())"
RSS_LIMIT_MB = 100
FLOOR_RATIO, MONOLITH_RATIO = 1.2, 0.6


@dataclass
class Samples:
    ms: dict[str, list[float]] = field(default_factory=dict)
    cpu_ms: dict[str, list[float]] = field(default_factory=dict)
    rss_mb: dict[str, list[float]] = field(default_factory=dict)
    flags: dict[str, dict[str, bool]] = field(default_factory=dict)

    def add(self, key: str, ms: float, report: Mapping[str, Any]) -> None:
        self.ms.setdefault(key, []).append(ms)
        self.cpu_ms.setdefault(key, []).append(report["cpu"] * 1000)
        rss_mb = report["rss_kb"] / 1024 if "rss_kb" in report else None
        if rss_mb is not None:
            self.rss_mb.setdefault(key, []).append(rss_mb)


def base_env(extra: Mapping[str, str]) -> dict[str, str]:
    """A clean environment: nothing of the parent's Python settings leaks into a sample."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {**keep, **extra}


def spawn(cmd: Sequence[str], env: Mapping[str, str]) -> tuple[float, dict[str, Any]]:
    """Run one sample; (ms from spawn to first response, what the child reported)."""
    start = time.monotonic()
    done = subprocess.run(
        list(cmd),
        env=dict(env),
        cwd=CHILD.parent,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[-3:])} failed: {done.stderr[-2000:]}")
    line = done.stdout.strip().splitlines()[-1]
    if line.startswith("{"):
        report = json.loads(line)
    else:
        done_at, cpu = (float(v) for v in line.split())
        report = {"done": done_at, "cpu": cpu}
    return (report["done"] - start) * 1000, report


def routes(only: Sequence[str] | None) -> list[Route]:
    from infra.routes import load

    found = [r for r in load() if r.function in scenarios.SCENARIOS]
    return [r for r in found if not only or r.function in only]


class Stack:
    """moto, the Groq stub and the LiveKit stub in their own processes, seeded once."""

    def __init__(self, groq_delay: float = 0.0) -> None:
        self.groq_delay = groq_delay
        self._exit = contextlib.ExitStack()

    def __enter__(self) -> Stack:
        with self._exit as started:
            moto = started.enter_context(service("moto"))
            groq = started.enter_context(service("groq", "--delay", str(self.groq_delay)))
            livekit = started.enter_context(service("livekit"))
            self.env = scenarios.service_env(moto["url"], groq, livekit)
            self.seeds = scenarios.seed(self.env)
            self.snapshot = scenarios.Snapshot(moto["url"])
            self._exit = started.pop_all()  # keep them running until __exit__
        return self

    def __exit__(self, *exc: object) -> None:
        self._exit.close()


def floor_spec(stack: Stack, record: Mapping[str, Any]) -> dict[str, Any]:
    """What the floor child does: the discovered libraries, client and store calls."""
    from functions.store.table.client import _CONFIG

    config = {
        "retries": _CONFIG.retries,
        "connect_timeout": _CONFIG.connect_timeout,
        "read_timeout": _CONFIG.read_timeout,
    }
    # "The same libraries": each distribution's package as a bare script imports it
    # (`import fastapi`), not the app's choice of submodules; that choice is the app's cost.
    packages = list(dict.fromkeys(name.split(".")[0] for name in record["modules"]))
    return {
        "modules": packages,
        "ops": record["ops"],
        "client": {
            "region": stack.env["AWS_REGION"],
            "endpoint_url": stack.env["DYNAMODB_ENDPOINT_URL"],
            "config": config,
        },
    }


def measure(runs: int, only: Sequence[str] | None) -> dict[str, Any]:
    """Cold starts of the bundle as Lambda runs it (see bench/bundle.py), on Lambda's Python."""
    from bench.bundle import build

    fns = routes(only)
    all_modules = ",".join(sorted({r.module.rsplit(".", 1)[1] for r in routes(None)}))
    samples = Samples()
    work = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    try:
        bundle = build(work)
        py, child = bundle.python, str(CHILD)
        with Stack() as stack:
            envs = {v: base_env({**stack.env, **bundle.env(v)}) for v in bundle.task}
            plans: dict[str, dict[str, tuple[str, list[str]]]] = {}
            for route in fns:
                name = route.function
                event_file = str(work / f"{name}.event.json")
                Path(event_file).write_text(json.dumps(scenarios.event(route, stack.seeds)))
                module = route.module.rsplit(".", 1)[1]
                stack.snapshot.restore()
                _, record = spawn([py, child, "record", module, event_file], envs["compiled"])
                stack.snapshot.restore()
                app_cmd = [py, child, "app", module, event_file]
                _, loaded = spawn(app_cmd, envs["compiled"])
                for got in (record, loaded):
                    if got["status"] >= 400:
                        raise RuntimeError(f"{name} answered {got['status']}: {got.get('body')}")
                record["modules"] = loaded["modules"]
                spec_file = work / f"{name}.floor.json"
                spec_file.write_text(json.dumps(floor_spec(stack, record)))
                samples.flags[name] = {"groq": loaded["groq"], "livekit": loaded["livekit"]}
                plans[name] = {
                    "app": ("compiled", app_cmd),
                    "app-source": ("source", app_cmd),
                    "app-none": ("none", app_cmd),
                    "floor": ("compiled", [py, child, "floor", str(spec_file), event_file]),
                    "monolith": ("compiled", [py, child, "monolith", all_modules, event_file]),
                }
            # Round 0 warms the disk cache; it is discarded.
            for run in range(runs + 1):
                ms, got = spawn([py, "-c", PASS_CODE], envs["compiled"])
                if run:
                    samples.add("python -c pass", ms, got)
                for name, plan in plans.items():
                    for variant, (layout, cmd) in plan.items():
                        stack.snapshot.restore()
                        ms, got = spawn(cmd, envs[layout])
                        if run:
                            samples.add(f"{name}/{variant}", ms, got)
                print(f"  cold start round {run}/{runs} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "samples": samples,
        "functions": [r.function for r in fns],
        "python": f"{bundle.python_version} ({bundle.python})",
    }


def report(result: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The cold start, bytecode and RSS tables, and the targets they missed."""
    s: Samples = result["samples"]
    baseline = median(s.ms["python -c pass"])
    rows, byte_rows, missed = [], [], []
    for name in result["functions"]:
        app, flo, mono = (s.ms[f"{name}/{v}"] for v in ("app", "floor", "monolith"))
        r_floor, r_mono = median(app) / median(flo), median(app) / median(mono)
        cpu = {v: median(s.cpu_ms[f"{name}/{v}"]) for v in ("app", "floor", "monolith")}
        rss = median(s.rss_mb[f"{name}/app"])
        flags = s.flags[name]
        sdks = ",".join(k for k, v in flags.items() if v) or "-"
        targeted = name not in scenarios.CALLS_GROQ
        ok_cold = r_floor <= FLOOR_RATIO and r_mono <= MONOLITH_RATIO
        ok_sdk = name in scenarios.CALLS_GROQ or not flags["groq"]
        ok_sdk = ok_sdk and (name in scenarios.CALLS_LIVEKIT or not flags["livekit"])
        ok_rss = rss <= RSS_LIMIT_MB
        if targeted and not ok_cold:
            missed.append(f"cold start {name}: {r_floor:.2f}x floor, {r_mono:.2f}x monolith")
        if not ok_sdk:
            missed.append(f"{name} imports an SDK it does not call ({sdks})")
        if not ok_rss:
            missed.append(f"peak RSS {name}: {rss:.0f} MB")
        rows.append(
            [
                name,
                f"{median(app):.0f} ({spread(app)})",
                f"{median(flo):.0f} ({spread(flo)})",
                f"{median(mono):.0f} ({spread(mono)})",
                f"{r_floor:.2f}x",
                f"{r_mono:.2f}x",
                f"{cpu['app']:.0f}: {cpu['app'] / cpu['floor']:.2f}x, "
                f"{cpu['app'] / cpu['monolith']:.2f}x",
                f"{median(app) / baseline:.0f}x",
                sdks,
                f"{rss:.0f}",
                verdict(ok_rss and ok_sdk and (ok_cold or not targeted))
                + ("" if targeted else " (calls the LLM: cold ratios not targeted)"),
            ]
        )
        source, none = s.ms[f"{name}/app-source"], s.ms[f"{name}/app-none"]
        byte_rows.append(
            [
                name,
                f"{median(app):.0f} ({spread(app)})",
                f"{median(source):.0f} ({spread(source)})",
                f"{median(none):.0f} ({spread(none)})",
                f"{median(source) / median(app):.2f}x",
                f"{median(none) / median(app):.2f}x",
            ]
        )
    head = [
        "function",
        "cold ms (min-max)",
        "floor ms",
        "monolith ms",
        "/floor",
        "/monolith",
        "CPU ms: /floor, /mono",
        "/py -c pass",
        "SDKs imported",
        "peak RSS MB",
        "targets",
    ]
    byte_head = [
        "function",
        "all .pyc ms",
        "layer .pyc only ms",
        "no .pyc ms",
        "layer only/all",
        "none/all",
    ]
    runs = len(s.ms["python -c pass"])
    title = (
        f"Cold start on Python {result['python']}: spawn -> first response of "
        f"handler(event, context), median of {runs} fresh processes per cell "
        f"(python -c pass: {baseline:.0f} ms, {spread(s.ms['python -c pass'])}); layer and "
        "function code with bytecode. Targets: a function that does not call the LLM "
        f"<= {FLOOR_RATIO}x floor and <= {MONOLITH_RATIO}x monolith; peak RSS (VmHWM after "
        f"the first invocation) <= {RSS_LIMIT_MB} MB"
    )
    byte_title = (
        "Bytecode: the same cold start with layer and function .pyc (all), with the layer's "
        ".pyc only (function code as source, as the package shipped it before), and none"
    )
    text = title + "\n" + table(head, rows) + "\n\n" + byte_title + "\n"
    return text + table(byte_head, byte_rows), missed
