"""Event latency: from the 201 of POST /initiate-transfer to the event on the receiving
agent's WebSocket, over TRANSFERS transfers, on `make run`'s server (infra.local_server:
embedded moto, the stream poller invoking publish_events, /ws and @connections).

The briefing is the offline one (no GROQ_API_KEY). Transfers go one at a time: each waits
for its event before the next starts, so a figure is one event's path and not a queue.

    python -m bench events
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench import scenarios
from bench.services import make_run_server
from bench.stats import percentile, table, verdict

TRANSFERS = 200
WARM_UP = 5
TARGET_P95_MS = 250.0
EVENT_TIMEOUT = 10.0


@contextmanager
def local_server() -> Iterator[str]:
    """`python -m infra.local_server` (what `make run` starts) on a free port: its host."""
    env = {**os.environ, "AUTH_JWT_SECRET": scenarios.SECRET, "LOG_LEVEL": "WARNING"}
    for key in ("GROQ_API_KEY", "LIVEKIT_URL", "DYNAMODB_ENDPOINT_URL"):
        env.pop(key, None)
    with make_run_server(env) as (url, _):
        yield url.removeprefix("http://")


async def _run(host: str) -> list[float]:
    import httpx
    import websockets

    def bearer(role: str, sub: str) -> str:
        token = scenarios.token(scenarios.Scenario("POST", role, sub))
        assert token is not None
        return token

    headers = {"authorization": f"Bearer {bearer('service', 'voice-pipeline')}"}
    latencies: list[float] = []
    async with (
        httpx.AsyncClient(base_url=f"http://{host}", headers=headers, timeout=30) as http,
        websockets.connect(f"ws://{host}/ws?token={bearer('agent', 'bob')}") as bob,
    ):
        for i in range(WARM_UP + TRANSFERS):
            call_id = f"ev-call-{i}"
            made = await http.post("/calls", json={"call_id": call_id})
            made.raise_for_status()
            body = {"call_id": call_id, "to_agent": "bob", "reason": "billing"}
            answer = await http.post("/initiate-transfer", json=body)
            answered = time.perf_counter()
            answer.raise_for_status()
            expected = f"{answer.json()['transfer_id']}:1"
            while True:
                event = json.loads(await asyncio.wait_for(bob.recv(), EVENT_TIMEOUT))
                if event.get("id") == expected:
                    break
            if i >= WARM_UP:
                latencies.append((time.perf_counter() - answered) * 1000)
    return latencies


def measure() -> dict[str, Any]:
    with local_server() as host:
        latencies = asyncio.run(_run(host))
    # The machine's load (shared cores): the figures scale with it.
    return {"latencies_ms": latencies, "load": os.getloadavg()[0]}


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    values = result["latencies_ms"]
    p50, p95 = percentile(values, 50), percentile(values, 95)
    ok = p95 <= TARGET_P95_MS
    rows = [
        ["p50", f"{p50:.0f} ms", "-", "-"],
        [
            "p95",
            f"{p95:.0f} ms",
            f"{p95 / TARGET_P95_MS:.2f}x of {TARGET_P95_MS:.0f} ms",
            verdict(ok),
        ],
        ["max", f"{max(values):.0f} ms", "-", "-"],
    ]
    text = (
        f"201 of POST /initiate-transfer -> event on bob's socket, {len(values)} transfers"
        f" (load average {result['load']:.1f} on {os.cpu_count()} cores)\n"
        + table(["measure", "value", "target", ""], rows)
    )
    return text, ([] if ok else [f"events p95 {p95:.0f} ms > {TARGET_P95_MS:.0f} ms"])
