"""Routing's speed on `make run`'s server (infra.local_server: embedded moto, the stream and
timer pollers, /ws): 50 agents with real WebSockets in one longest-idle queue, 200 callers.

- offer latency: from the answer to the request that frees an agent (PUT /agents/me/status
  available; POST .../complete of its transfer) to `transfer.offered` on that agent's socket;
- timer accuracy: an offer nobody answers runs out at `offer_expires_at`; its
  `transfer.offer_timed_out` event's time minus that (fired minus due).

    python -m bench routing
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from typing import Any

from bench import scenarios
from bench.events import local_server
from bench.stats import percentile, table, verdict

AGENTS = 50
CALLERS = 200
TIMER_AGENTS = 20  # agents who let an offer run out (phase 2)
OFFER_TIMEOUT = 5  # the queue's offer_timeout_seconds (its least)
TARGET_OFFER_P95_MS = 300.0
TARGET_TIMER_P95_S = 2.0
EVENT_TIMEOUT = 30.0


def _token(role: str, sub: str) -> str:
    token = scenarios.token(scenarios.Scenario("POST", role, sub))
    assert token is not None
    return token


def _parse(moment: str) -> float:
    from datetime import datetime

    return datetime.strptime(moment, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()


async def _run(host: str) -> dict[str, Any]:
    import httpx
    import websockets

    agents = [f"rb{n:02d}" for n in range(AGENTS)]
    inbox: dict[str, asyncio.Queue[dict[str, Any]]] = {a: asyncio.Queue() for a in agents}

    async def listen(agent: str, socket: Any) -> None:
        async for raw in socket:
            await inbox[agent].put(json.loads(raw))

    async def next_event(agent: str, kind: str) -> tuple[dict[str, Any], float]:
        while True:
            event = await asyncio.wait_for(inbox[agent].get(), EVENT_TIMEOUT)
            if event.get("type") == kind and (
                kind != "transfer.offered" or agent in event["data"]["offered_to"]
            ):
                return event, time.perf_counter()

    sup = {"authorization": f"Bearer {_token('supervisor', 'sup-1')}"}
    svc = {"authorization": f"Bearer {_token('service', 'voice-pipeline')}"}
    offers_ms: list[float] = []
    timers_s: list[float] = []
    async with httpx.AsyncClient(base_url=f"http://{host}", timeout=30) as http:

        async def as_agent(agent: str, method: str, path: str, body: Any = None) -> Any:
            headers = {"authorization": f"Bearer {_token('agent', agent)}"}
            res = await http.request(method, path, json=body, headers=headers)
            res.raise_for_status()
            return res.json()

        queue = {"members": agents, "offer_timeout_seconds": OFFER_TIMEOUT, "wrap_up_seconds": 0}
        queue |= {"max_wait_seconds": 3600}
        (await http.put("/queues/bench", json=queue, headers=sup)).raise_for_status()
        sockets = [
            await websockets.connect(f"ws://{host}/ws?token={_token('agent', a)}") for a in agents
        ]
        listeners = [
            asyncio.create_task(listen(a, s)) for a, s in zip(agents, sockets, strict=True)
        ]
        for agent in agents:
            await as_agent(agent, "PUT", "/agents/me/status", {"status": "away"})
        for n in range(CALLERS):
            call_id = f"rb-call-{n}"
            (await http.post("/calls", json={"call_id": call_id}, headers=svc)).raise_for_status()
            body = {"call_id": call_id, "to_queue": "bench"}
            made = await http.post("/initiate-transfer", json=body, headers=svc)
            made.raise_for_status()

        # Phase 1: each agent, freed twice (a status change, then a completion).
        for agent in agents[: AGENTS - TIMER_AGENTS]:
            await as_agent(agent, "PUT", "/agents/me/status", {"status": "available"})
            freed = time.perf_counter()
            event, seen = await next_event(agent, "transfer.offered")
            offers_ms.append((seen - freed) * 1000)
            tid = event["data"]["transfer_id"]
            await as_agent(agent, "POST", f"/transfers/{tid}/accept")
            await as_agent(agent, "POST", f"/transfers/{tid}/complete")
            freed = time.perf_counter()
            event, seen = await next_event(agent, "transfer.offered")
            offers_ms.append((seen - freed) * 1000)
            tid = event["data"]["transfer_id"]
            await as_agent(agent, "POST", f"/transfers/{tid}/accept")
            await as_agent(agent, "PUT", "/agents/me/status", {"status": "away"})
            await as_agent(agent, "POST", f"/transfers/{tid}/complete")

        # Phase 2: agents take an offer, go away, and let it run out.
        due: dict[str, float] = {}
        for agent in agents[AGENTS - TIMER_AGENTS :]:
            await as_agent(agent, "PUT", "/agents/me/status", {"status": "available"})
            freed = time.perf_counter()
            event, seen = await next_event(agent, "transfer.offered")
            offers_ms.append((seen - freed) * 1000)
            due[agent] = _parse(event["data"]["offer_expires_at"])
            await as_agent(agent, "PUT", "/agents/me/status", {"status": "away"})
        for agent in agents[AGENTS - TIMER_AGENTS :]:
            event, _ = await next_event(agent, "transfer.offer_timed_out")
            timers_s.append(_parse(event["data"]["updated_at"]) - due[agent])
        for task in listeners:
            task.cancel()
        for socket in sockets:
            await socket.close()
    return {"offers_ms": offers_ms, "timers_s": timers_s, "load": os.getloadavg()[0]}


def measure() -> dict[str, Any]:
    with local_server() as host:
        return asyncio.run(_run(host))


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    offers, timers = result["offers_ms"], result["timers_s"]
    offer_p95, timer_p95 = percentile(offers, 95), percentile(timers, 95)
    offer_ok, timer_ok = offer_p95 <= TARGET_OFFER_P95_MS, timer_p95 <= TARGET_TIMER_P95_S
    rows = [
        ["offer after freeing, p50", f"{percentile(offers, 50):.0f} ms", "-", "-"],
        [
            "offer after freeing, p95",
            f"{offer_p95:.0f} ms",
            f"{offer_p95 / TARGET_OFFER_P95_MS:.2f}x of {TARGET_OFFER_P95_MS:.0f} ms",
            verdict(offer_ok),
        ],
        ["timer fired - due, p50", f"{percentile(timers, 50):.2f} s", "-", "-"],
        [
            "timer fired - due, p95",
            f"{timer_p95:.2f} s",
            f"{timer_p95 / TARGET_TIMER_P95_S:.2f}x of {TARGET_TIMER_P95_S:.0f} s",
            verdict(timer_ok),
        ],
    ]
    text = (
        f"{AGENTS} agents, {CALLERS} callers in one longest-idle queue: {len(offers)} offers,"
        f" {len(timers)} offer timeouts (load average {result['load']:.1f} on"
        f" {os.cpu_count()} cores)\n" + table(["measure", "value", "target", ""], rows)
    )
    missed = [] if offer_ok else [f"routing offer p95 {offer_p95:.0f} ms > 300 ms"]
    missed += [] if timer_ok else [f"routing timers p95 {timer_p95:.2f} s > 2 s"]
    return text, missed
