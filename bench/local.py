"""The local stack as people meet it first: `make run`'s server, driven through /v0 call for
call, the same workload on a baseline commit and on this tree, in one run (issue 30's table).

    python -m bench local [--base REF] [--prefill 2000]

Each side is `python -m infra.local_server` (embedded moto, stream and queue pollers,
schedules: what `make run` starts) in its own process, from a git worktree of REF for the
baseline and from this checkout for "now", on the same venv. The Groq stub (its own
process) answers after 1 s while initiates are timed, at once while the table is filled;
the LiveKit stub answers the media steps. The load comes from this process over keep-alive
connections. "CPU" is the server's process tree (user + system, every thread and child),
so moto's work counts wherever it runs.

Workload, per side, in order:
1. one initiate (`POST /v0/initiate-transfer`), 10 in a row: p50;
2. `GET /v0/transfers/{id}` 50 times and `GET /v0/transfers?limit=50` 30 times: p50;
3. 100 concurrent initiates: wall time, the server's CPU per transfer, and `GET /v0/health`
   every 10 ms on its own connection meanwhile: p99;
4. 1,480 initiates 8 at a time, Groq answering at once: wall time; then more to reach
   `prefill` transfers stored;
5. idle: the server's CPU, second by second, after that last request, until a second
   costs under 50 ms of CPU, 5% of a core (at most 30 s): seconds to idle;
6. steps 1 and 2 again with the table full: the ratio to step 1 (target 1.05x).

The older app's figures (issue 30, measured on this machine before this round, not in this
run) are printed beside ours for scale: the targets were set from them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import scenarios
from bench.services import ROOT, make_run_server, service
from bench.stats import median, percentile, table, verdict

LLM_SECONDS = 1.0
BURST = 100
FILL, FILL_CONCURRENCY = 1480, 8
IDLE_CPU_MS, IDLE_LIMIT_S = 50.0, 30.0
TIMEOUT = 120.0
CONTEXT = (
    "Caller Maria Gonzalez, account ACC99812, was charged twice this month for her plan "
    "and wants the second charge of 49.99 refunded; she asked for a supervisor."
)

# (figure, older app, target, lower is better): issue 30's table and its targets.
OLDER = {
    "burst_wall_s": ("100 concurrent initiates, wall (s)", 1.52, 1.5),
    "cpu_ms": ("server CPU per transfer (ms)", 5.3, 10.0),
    "health_p99_ms": ("/health p99 during the burst (ms)", 119.0, None),
    "initiate_ms": ("one initiate, p50 (ms)", 1009.0, None),
    "get_ms": ("GET one transfer, p50 (ms)", 1.0, 3.0),
    "list_ms": ("list of 50, p50 (ms)", 1.5, 8.0),
    "initiate_full_ratio": ("initiate p50 full / empty", 1.0, 1.05),
    "fill_s": (f"storing {FILL:,} transfers, {FILL_CONCURRENCY} at a time (s)", 5.1, 10.0),
    "idle_s": ("seconds until idle after the fill", None, 10.0),
}


def _tree(pid: int) -> list[int]:
    """pid and every descendant (threads' children included)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in task.read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process tree, from /proc (every thread counts)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


class Groq:
    """The Groq stub in its own process; its chat delay changes between phases."""

    def __init__(self) -> None:
        cmd = [sys.executable, "-m", "bench.services", "groq", "--delay", str(LLM_SECONDS)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        self.info = json.loads(self.proc.stdout.readline())

    def delay(self, seconds: float) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"delay {seconds}\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "ok"

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=15)


@contextlib.contextmanager
def worktree(ref: str) -> Iterator[Path]:
    """A detached worktree of `ref`, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="bench-local-")) / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--quiet", str(path), ref], cwd=ROOT, check=True
    )
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)


def _ms(samples: list[float]) -> float:
    return median(samples) * 1000


async def _initiate(http: Any, n: int) -> str:
    body = {"call_context": f"{CONTEXT} (call {n})", "room_name": f"call-{n}"}
    got = await http.post("/v0/initiate-transfer", json=body)
    got.raise_for_status()
    return str(got.json()["id"])


async def _timed(http: Any, method: str, path: str, times: int) -> list[float]:
    took = []
    for _ in range(times):
        start = time.perf_counter()
        got = await http.request(method, path)
        took.append(time.perf_counter() - start)
        got.raise_for_status()
    return took


async def _point_reads(http: Any, counter: Iterator[int]) -> dict[str, float]:
    initiates = []
    for _ in range(10):
        start = time.perf_counter()
        transfer = await _initiate(http, next(counter))
        initiates.append(time.perf_counter() - start)
    gets = await _timed(http, "GET", f"/v0/transfers/{transfer}", 50)
    lists = await _timed(http, "GET", "/v0/transfers?limit=50", 30)
    return {"initiate_ms": _ms(initiates), "get_ms": _ms(gets), "list_ms": _ms(lists)}


async def _drive(url: str, pid: int, groq: Groq, prefill: int) -> dict[str, float]:
    import httpx

    bearer = scenarios.token(scenarios.Scenario("POST", "service", "voice-pipeline"))
    headers = {"authorization": f"Bearer {bearer}"}
    limits = httpx.Limits(max_connections=BURST * 2, max_keepalive_connections=BURST * 2)
    counter = iter(range(10**9))
    out: dict[str, float] = {}
    async with (
        httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=TIMEOUT) as http,
        httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as probe,
    ):
        groq.delay(LLM_SECONDS)
        for _ in range(3):  # lazily made clients, first-use paths: not measured
            await _initiate(http, next(counter))
        out.update(await _point_reads(http, counter))

        health: list[float] = []
        done = asyncio.Event()

        async def watch() -> None:
            while not done.is_set():
                health.extend(await _timed(probe, "GET", "/v0/health", 1))
                await asyncio.sleep(0.01)

        watcher = asyncio.create_task(watch())
        cpu, start = cpu_seconds(pid), time.monotonic()
        await asyncio.gather(*(_initiate(http, next(counter)) for _ in range(BURST)))
        out["burst_wall_s"] = time.monotonic() - start
        out["cpu_ms"] = (cpu_seconds(pid) - cpu) / BURST * 1000
        done.set()
        await watcher
        out["health_p99_ms"] = percentile(health, 99) * 1000

        groq.delay(0)
        stored = next(counter)

        async def fill(count: int) -> None:
            gate = asyncio.Semaphore(FILL_CONCURRENCY)

            async def one() -> None:
                async with gate:
                    await _initiate(http, next(counter))

            await asyncio.gather(*(one() for _ in range(count)))

        start = time.monotonic()
        await fill(FILL)
        out["fill_s"] = time.monotonic() - start
        await fill(max(0, prefill - stored - FILL))
        out["stored"] = float(next(counter))

        idle_start, last = time.monotonic(), cpu_seconds(pid)
        out["idle_s"] = IDLE_LIMIT_S
        while time.monotonic() - idle_start < IDLE_LIMIT_S:
            await asyncio.sleep(1.0)
            now = cpu_seconds(pid)
            if (now - last) * 1000 < IDLE_CPU_MS:
                out["idle_s"] = time.monotonic() - idle_start - 1.0
                break
            last = now
        window = cpu_seconds(pid)
        await asyncio.sleep(5.0)
        out["idle_cpu_pct"] = (cpu_seconds(pid) - window) / 5.0 * 100

        groq.delay(LLM_SECONDS)
        full = await _point_reads(http, counter)
        out["initiate_full_ratio"] = full["initiate_ms"] / out["initiate_ms"]
        out["get_full_ms"], out["list_full_ms"] = full["get_ms"], full["list_ms"]
    return out


def _side(tree: Path, groq: Groq, livekit: dict[str, Any], prefill: int) -> dict[str, float]:
    env = {
        k: v
        for k, v in scenarios.service_env("", groq.info, livekit).items()
        if k != "DYNAMODB_ENDPOINT_URL"  # the server embeds its own, as `make run` does
    }
    env = {**os.environ, **env, "TABLE_NAME": "warm-transfer-local"}
    for name in ("DYNAMODB_ENDPOINT_URL", "SQS_ENDPOINT_URL", "WEBSOCKET_MANAGEMENT_URL"):
        env.pop(name, None)
    with make_run_server(env, tree) as (url, pid):
        return asyncio.run(_drive(url, pid, groq, prefill))


async def _bare_reads(endpoint: str, pid: int, reads: int = 500) -> float:
    """CPU (this process + moto's) of one aioboto3 GetItem round trip, as the service
    makes it: what every request of a transfer costs at the least."""
    import aioboto3

    from infra.local_stack import LOCAL_CREDENTIALS, create_table

    create_table(endpoint, "bench-floor", "us-east-1")
    session = aioboto3.Session()
    async with session.client(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1", **LOCAL_CREDENTIALS
    ) as db:
        key = {"pk": {"S": "TRANSFER#t1"}, "sk": {"S": "TRANSFER"}}
        await db.put_item(TableName="bench-floor", Item={**key, "briefing": {"S": CONTEXT}})
        for _ in range(20):
            await db.get_item(TableName="bench-floor", Key=key)
        mine, moto = time.process_time(), cpu_seconds(pid)
        for _ in range(reads):
            await db.get_item(TableName="bench-floor", Key=key)
        spent = time.process_time() - mine + cpu_seconds(pid) - moto
    return spent / reads * 1000


def floor_ms() -> float:
    from infra.local_stack import LocalDynamoDB

    moto = LocalDynamoDB().start()
    try:
        assert moto.pid is not None
        return asyncio.run(_bare_reads(moto.endpoint_url, moto.pid))
    finally:
        moto.stop()


def measure(base: str | None, prefill: int = 2000) -> dict[str, Any]:
    sides: dict[str, dict[str, float]] = {}
    groq = Groq()
    try:
        with service("livekit") as livekit:
            if base:
                with worktree(base) as tree:
                    sides[f"base {base}"] = _side(tree, groq, livekit, prefill)
            sides["now"] = _side(ROOT, groq, livekit, prefill)
    finally:
        groq.close()
    return {"sides": sides, "prefill": prefill, "floor_ms": floor_ms()}


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    sides: dict[str, dict[str, float]] = result["sides"]
    names = list(sides)
    now = sides["now"]
    rows, missed = [], []
    extra = {
        "get_full_ms": ("GET one transfer, p50, table full (ms)", None, 3.0),
        "list_full_ms": ("list of 50, p50, table full (ms)", None, 8.0),
        "idle_cpu_pct": ("idle CPU, 5 s after idle (% of a core)", None, None),
    }
    for key, (label, older, target) in {**OLDER, **extra}.items():
        cells = [f"{sides[n][key]:,.2f}" for n in names]
        ok = target is None or now[key] <= target
        rows.append(
            [
                label,
                "-" if older is None else f"{older:,.2f}",
                *cells,
                "-" if target is None else f"<= {target:g}",
                verdict(ok) if target is not None else "",
            ]
        )
        if not ok:
            missed.append(f"local: {label} {now[key]:,.2f} (target {target:g})")
    title = (
        f"The local stack (`make run`'s server) through /v0, Groq stub {LLM_SECONDS:.0f} s; "
        f"{int(now['stored']):,} transfers stored at the end; older app: issue 30's figures "
        "(not this run)"
    )
    headers = ["figure", "older app", *names, "target", ""]
    floor = (
        f"Floor: one bare aioboto3 GetItem round trip to this tree's moto costs "
        f"{result['floor_ms']:.2f} ms of CPU (client + moto); a transfer makes a dozen such "
        "requests (bench requests), and a list of 50 parses 50 items on each side."
    )
    return title + "\n" + table(headers, rows) + "\n" + floor, missed
