"""Event-loop responsiveness: 100 concurrent transfers while the LLM takes 1 s per call.

The local server (bench/loop_server.py: infra.local_server plus a heartbeat) runs under
uvicorn in its own process, on the venv's Python 3.11; moto and the Groq stub (answering
every chat completion after LLM_SECONDS) run in theirs. The bench opens CALLS calls with a
transcript each, then sends one POST /initiate-transfer per call, all at once, and reads
the wall time until the last answer, the heartbeat ticks the server's loop managed during
it (against the ideal count, and against an idle window of the same run) and the worst lag.

    python -m bench loop [--prefill N]   (N other items in the table first)
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from contextlib import AbstractContextManager
from typing import Any

from bench import scenarios
from bench.services import ROOT, started
from bench.stats import table, verdict

CALLS = 100
LLM_SECONDS = 1.0
IDLE_SECONDS = 1.0
REQUEST_TIMEOUT = 60.0
WALL_LIMIT_S, TICKS_MIN, LAG_LIMIT_MS = 1.5, 0.95, 50.0


def loop_server(env: dict[str, str]) -> AbstractContextManager[dict[str, Any]]:
    # stderr: uvicorn's and the functions' noise; stdout is closed off by the server itself.
    cmd = [sys.executable, "-m", "bench.loop_server"]
    return started(cmd, env, stderr=subprocess.DEVNULL)


async def _load(url: str, moto: str) -> dict[str, Any]:
    import httpx

    bearer = scenarios.token(scenarios.Scenario("POST", "service", "voice-pipeline"))
    headers = {"authorization": f"Bearer {bearer}"}
    limits = httpx.Limits(max_connections=CALLS * 2, max_keepalive_connections=CALLS * 2)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=REQUEST_TIMEOUT
    ) as http:
        calls = []
        for i in range(CALLS):  # opened one by one: setup, not measured
            got = await http.post(
                "/calls", json={"call_id": f"loop-call-{i}", "caller": {"name": f"Caller {i}"}}
            )
            got.raise_for_status()
            turns = {"turns": scenarios.TURNS}
            (await http.post(f"/calls/loop-call-{i}/turns", json=turns)).raise_for_status()
            calls.append(f"loop-call-{i}")
        # One transfer first: clients are created lazily; the load meets them warm.
        body = {"call_id": calls[0], "to_agent": "bob", "reason": "warm-up"}
        (await http.post("/initiate-transfer", json=body)).raise_for_status()

        await http.post("/__bench/heartbeat")
        await asyncio.sleep(IDLE_SECONDS)
        idle = (await http.get("/__bench/heartbeat")).json()

        await http.post("/__bench/heartbeat")
        await http.post(f"{moto}/__bench/moto-stats")
        start = time.monotonic()
        answers = await asyncio.gather(
            *(
                http.post(
                    "/initiate-transfer",
                    json={"call_id": c, "to_agent": "bob", "reason": "refund request"},
                )
                for c in calls
            ),
            return_exceptions=True,
        )
        wall = time.monotonic() - start
        beat = (await http.get("/__bench/heartbeat")).json()
        busy = (await http.get(f"{moto}/__bench/moto-stats")).json()
    statuses: dict[str, int] = {}
    providers: dict[str, int] = {}
    for answer in answers:
        key = (
            str(answer.status_code) if isinstance(answer, httpx.Response) else type(answer).__name__
        )
        statuses[key] = statuses.get(key, 0) + 1
        if isinstance(answer, httpx.Response) and answer.status_code == 201:
            provider = answer.json().get("briefing_provider", "?")
            providers[provider] = providers.get(provider, 0) + 1
    return {
        "wall": wall,
        "beat": beat,
        "idle": idle,
        "statuses": statuses,
        "providers": providers,
        "moto": busy,
    }


def prefill(moto: str, items: int) -> None:
    """Fill the table with `items` transcript turns of other calls before the load: the
    local stack's cost must not grow with the table (infra/atomic_moto.py)."""
    import boto3

    from bench.local_stack import fill

    db = boto3.client(
        "dynamodb",
        endpoint_url=moto,
        region_name=scenarios.REGION,
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    fill(db, scenarios.TABLE, items)


def measure(prefill_items: int = 0) -> dict[str, Any]:
    from bench.cold import Stack, base_env

    with Stack(groq_delay=LLM_SECONDS) as stack:
        moto = stack.env["DYNAMODB_ENDPOINT_URL"]
        prefill(moto, prefill_items)
        env = base_env({**stack.env, "PYTHONPATH": str(ROOT)})
        with loop_server(env) as server:
            result = asyncio.run(_load(server["url"], moto))
    return {**result, "prefill": prefill_items}


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    beat, idle, wall = result["beat"], result["idle"], result["wall"]
    ideal = beat["elapsed_s"] / 0.01
    fraction = beat["ticks"] / ideal
    idle_fraction = idle["ticks"] / (idle["elapsed_s"] / 0.01)
    lag = beat["max_lag_ms"]
    ok_all = result["statuses"] == {"201": CALLS} and result["providers"] == {"groq": CALLS}
    checks = [
        ("wall time, 100 transfers", f"{wall:.2f} s", f"<= {WALL_LIMIT_S} s", wall <= WALL_LIMIT_S),
        (
            "heartbeat ticks / ideal",
            f"{fraction:.1%} (idle: {idle_fraction:.1%})",
            f">= {TICKS_MIN:.0%}",
            fraction >= TICKS_MIN,
        ),
        (
            "worst loop lag",
            f"{lag:.1f} ms (idle: {idle['max_lag_ms']:.1f})",
            f"<= {LAG_LIMIT_MS:.0f} ms",
            lag <= LAG_LIMIT_MS,
        ),
        (
            "answers",
            f"{result['statuses']}, briefings by {result['providers']}",
            "all 201 by groq",
            ok_all,
        ),
    ]
    missed = [
        f"loop: {name} {value} (target {target})" for name, value, target, ok in checks if not ok
    ]
    title = (
        f"Event loop under load (local server, uvicorn, venv Python "
        f"{sys.version_info[0]}.{sys.version_info[1]}): {CALLS} concurrent POST "
        f"/initiate-transfer, Groq stub {LLM_SECONDS:.0f} s per call; ideal wall time "
        f"{LLM_SECONDS:.1f} s; {result.get('prefill', 0):,} other items in the table"
    )
    rows = [[n, v, t, verdict(ok)] for n, v, t, ok in checks]
    busy = result["moto"]
    by_operation = ", ".join(
        f"{name} {count} x {seconds / count * 1000:.0f} ms"
        for name, (count, seconds) in sorted(busy.get("by_operation", {}).items())
    )
    rows.append(
        [
            "moto busy (serial) during load",
            f"{busy['seconds']:.2f} s for {busy['requests']} requests ({by_operation})",
            "lower bound: 1 s + this",
            "",
        ]
    )
    rows.append(
        [
            "server CPU during load",
            f"{beat['cpu_s']:.2f} s ({beat['cpu_s'] / CALLS * 1000:.1f} ms per transfer)",
            "",
            "",
        ]
    )
    return title + "\n" + table(["measure", "value", "target", ""], rows), missed
