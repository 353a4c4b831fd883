"""A bounded load + chaos run against the local server: throughput, p50/p99, errors, and
whether any acknowledged write was lost.

    python -m bench.chaos [--seconds 20] [--max-requests 4000] [--workers 16] [--port 18731]

Starts, on 127.0.0.1: the local stack's moto (infra/atomic_moto.py), the fault proxy of
the tests in front of it (tests/support/fault_proxy.py), the Groq stub, and the local
server (`python -m infra.local_server`, as `make run`) on `--port`, pointed at them. Then
`--workers` clients, for `--seconds` or `--max-requests` (whichever ends first), open
calls, append turns (a shared hot call takes every worker's appends at once), start and
move transfers and read calls back; every POST carries an Idempotency-Key and is
retried with it on 503/409-in-progress/connection errors, as a careful client does.
Meanwhile a chaos thread cycles: healthy, DynamoDB 503s, throttling, lost responses,
transaction conflicts, a stalled DynamoDB, Groq 500s and garbage. At the end every
acknowledged turn and transfer is read back: each must be there exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.services import ROOT, service
from infra.local_stack import create_table
from tests.support.fault_proxy import FaultProxy
from tests.support.groq_stub import GroqStub, error, garbage
from tests.support.tokens import Tokens

SECRET = "chaos-secret-" + uuid.uuid4().hex
TABLE = "warm-transfer-chaos"
RETRYABLE = {409, 429, 500, 502, 503, 504}  # 500 is counted as an error, still retried
MAX_TRIES = 8


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    sent: int = 0
    turns: dict[str, list[str]] = field(default_factory=dict)  # acknowledged, per call
    transfers: dict[str, str] = field(default_factory=dict)  # id -> status we last got

    def record(self, what: str, status: int | str, seconds: float) -> None:
        with self.lock:
            self.sent += 1
            self.latencies.append(seconds)
            self.statuses[f"{what} {status}"] += 1


class Client:
    def __init__(self, url: str, tally: Tally, tokens: Tokens, stop: threading.Event) -> None:
        self.http = httpx.Client(base_url=url, timeout=30)
        self.tally, self.tokens, self.stop = tally, tokens, stop

    def send(self, what: str, method: str, path: str, token: str, body: Any = None) -> Any:
        """One logical request, retried with the same Idempotency-Key while retryable."""
        headers = {"authorization": f"Bearer {token}"}
        if method == "POST":
            headers["idempotency-key"] = uuid.uuid4().hex
        for attempt in range(MAX_TRIES):
            start = time.monotonic()
            try:
                res = self.http.request(method, path, json=body, headers=headers)
                status: int | str = res.status_code
            except httpx.HTTPError as exc:
                res, status = None, type(exc).__name__
            self.tally.record(what, status, time.monotonic() - start)
            if res is not None and res.status_code not in RETRYABLE:
                return res
            if res is not None and res.status_code == 409 and "in-progress" not in res.text:
                return res  # a real conflict (an illegal move): the answer stands
            time.sleep(min(2.0, 0.05 * 2**attempt) * random.random())
        return None


def worker(client: Client, hot: str, budget: threading.Semaphore, n: int) -> None:
    svc, agent = client.tokens.service(), client.tokens.agent(f"agent-{n}")
    t = client.tally
    while not client.stop.is_set() and budget.acquire(blocking=False):
        call_id = f"chaos-{n}-{uuid.uuid4().hex[:8]}"
        if client.send("open", "POST", "/calls", svc, {"call_id": call_id}) is None:
            continue
        for target in (call_id, hot):
            text = f"{target} from {n}: {uuid.uuid4().hex[:6]}"
            body = {"turns": [{"speaker": "caller", "text": text}]}
            res = client.send("append", "POST", f"/calls/{target}/turns", svc, body)
            if res is not None and res.status_code == 201:
                with t.lock:
                    t.turns.setdefault(target, []).append(text)
        made = client.send(
            "initiate",
            "POST",
            "/initiate-transfer",
            svc,
            {"call_id": call_id, "to_agent": f"agent-{n}", "reason": "chaos"},
        )
        if made is None or made.status_code != 201:
            continue
        tid = made.json()["transfer_id"]
        with t.lock:
            t.transfers[tid] = "initiated"
        for action in ("accept", "complete"):
            moved = client.send(action, "POST", f"/transfers/{tid}/{action}", agent)
            if moved is not None and moved.status_code == 200:
                with t.lock:
                    t.transfers[tid] = moved.json()["status"]
        client.send("read", "GET", f"/calls/{call_id}", agent)


def chaos(proxy: FaultProxy, groq: GroqStub, stop: threading.Event, calm: bool) -> None:
    if calm:  # the same load without faults: the baseline
        return
    phases = [
        ("healthy", lambda: None),
        ("dynamodb 503", lambda: proxy.fail("503", times=6)),
        ("throttling", lambda: proxy.fail("throttle", times=6)),
        ("lost responses", lambda: proxy.fail("lost_response", times=4)),
        (
            "conflicts",
            lambda: proxy.fail("transaction_conflict", operation="TransactWriteItems", times=6),
        ),
        ("groq 500", lambda: groq.always("chat", error(500))),
        ("groq garbage", lambda: groq.always("chat", garbage())),
        ("stalled dynamodb", lambda: proxy.fail("stall", operation="Query", times=2)),
    ]
    while not stop.is_set():
        for _, start in phases:
            start()
            if stop.wait(1.5):
                break
            proxy.heal()
            groq.always("chat", None)
    proxy.heal()


def read_back(url: str, tally: Tally, tokens: Tokens) -> dict[str, int]:
    """Every acknowledged turn and transfer, read through the API once the chaos stopped."""
    http = httpx.Client(base_url=url, timeout=30)
    auth = {"authorization": f"Bearer {tokens.supervisor()}"}
    lost_turns = doubled = lost_transfers = 0
    for call_id, texts in tally.turns.items():
        stored, cursor = [], None
        while True:
            params = {"cursor": cursor} if cursor else {}
            page = http.get(f"/calls/{call_id}", headers=auth, params=params).json()
            stored += [t["text"] for t in page["turns"]]
            cursor = page["next_turns_cursor"]
            if not cursor:
                break
        counts = Counter(stored)
        lost_turns += sum(1 for text in texts if counts[text] == 0)
        doubled += sum(1 for text in texts if counts[text] > 1)
    for tid, status in tally.transfers.items():
        got = http.get(f"/transfers/{tid}", headers=auth)
        if got.status_code != 200 or got.json()["status"] != status:
            lost_transfers += 1
    return {"lost_turns": lost_turns, "doubled_turns": doubled, "lost_transfers": lost_transfers}


def run(
    seconds: float,
    max_requests: int,
    workers: int,
    port: int,
    log_path: str | None = None,
    calm: bool = False,
) -> dict[str, Any]:
    # moto in a process of its own (the local stack's, as bench.services serves it): in
    # this one it would share a GIL with the clients and the proxy.
    with service("moto") as moto:
        return _run(moto["url"], seconds, max_requests, workers, port, log_path, calm)


def _run(
    moto: str,
    seconds: float,
    max_requests: int,
    workers: int,
    port: int,
    log_path: str | None,
    calm: bool,
) -> dict[str, Any]:
    proxy = FaultProxy(moto).start()
    groq = GroqStub().start()
    create_table(moto, TABLE, "us-east-1")
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
        "PYTHONPATH": str(ROOT),
        "PORT": str(port),
        "TABLE_NAME": TABLE,
        "DYNAMODB_ENDPOINT_URL": proxy.url,
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AUTH_JWT_SECRET": SECRET,
        "CURSOR_SECRET": SECRET + "-cursors",
        "GROQ_API_KEY": groq.api_key,
        "GROQ_BASE_URL": groq.url,
        "GROQ_MAX_RETRIES": "0",
    }
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "infra.local_server"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        tokens, tally, stop = Tokens(SECRET), Tally(), threading.Event()
        hot = "chaos-hot"
        httpx.post(
            f"{url}/calls",
            json={"call_id": hot},
            headers={"authorization": f"Bearer {tokens.service()}"},
        ).raise_for_status()
        # One "round" (open, 2 appends, initiate, accept, complete, read) is ~7 requests.
        budget = threading.Semaphore(max(1, max_requests // 7))
        threads = [
            threading.Thread(target=worker, args=(Client(url, tally, tokens, stop), hot, budget, n))
            for n in range(workers)
        ]
        chaos_thread = threading.Thread(target=chaos, args=(proxy, groq, stop, calm))
        started = time.monotonic()
        chaos_thread.start()
        for thread in threads:
            thread.start()
        timer = threading.Timer(seconds, stop.set)
        timer.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        stop.set()
        timer.cancel()
        chaos_thread.join()
        lost = read_back(url, tally, tokens)
    finally:
        server.terminate()
        server.wait(timeout=30)
        groq.stop()
        proxy.stop()
    ms = sorted(x * 1000 for x in tally.latencies)
    return {
        "seconds": round(elapsed, 1),
        "requests": tally.sent,
        "throughput_rps": round(tally.sent / elapsed, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1),
        "status_5xx_other_than_503": sum(
            c for k, c in tally.statuses.items() if k.split()[-1] in {"500", "502", "504"}
        ),
        "statuses": dict(sorted(tally.statuses.items())),
        "acknowledged_turns": sum(len(v) for v in tally.turns.values()),
        "hot_call_turns": len(tally.turns.get(hot, [])),
        "transfers": len(tally.transfers),
        **lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--port", type=int, default=18731)
    parser.add_argument("--server-log", default=None, help="write the server's output here")
    parser.add_argument("--calm", action="store_true", help="no faults: the baseline")
    args = parser.parse_args()
    result = run(
        min(args.seconds, 300),
        min(args.max_requests, 50_000),
        min(args.workers, 64),
        args.port,
        args.server_log,
        args.calm,
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
