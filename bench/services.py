"""The outside services a benchmark talks to, each in its own process on 127.0.0.1.

    python -m bench.services moto            # a moto server (DynamoDB)
    python -m bench.services groq --delay 1  # the Groq stub of tests/support, chat slowed
    python -m bench.services livekit         # the LiveKit stub of tests/support

Each prints one JSON line {"url": ...} once it listens, then serves until its stdin
closes (the parent exits or stops it) or MAX_LIFETIME passes, whichever comes first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from infra.local_stack import wait_or_kill

ROOT = Path(__file__).resolve().parents[1]
MAX_LIFETIME = 3600.0  # seconds: a forgotten service still ends
STARTUP_TIMEOUT = 60.0
# Groq's API takes bursts; socketserver's default listen backlog (5) would drop SYNs
# from 100 concurrent clients and add 1 s retransmits that no real Groq imposes.
LISTEN_BACKLOG = 1024


def _serve_until_stdin_closes(command: Callable[[str], None] | None = None) -> None:
    """Serve until stdin closes; each line read before that goes to `command`."""
    deadline = time.monotonic() + MAX_LIFETIME
    while time.monotonic() < deadline:
        ready, _, _ = select.select([sys.stdin], [], [], 1.0)
        if not ready:
            continue
        line = sys.stdin.readline()
        if not line:
            return
        if command is not None:
            command(line.strip())


def _moto() -> None:
    """moto's server app, as ThreadedMotoServer serves it, with one request at a time.

    moto's DynamoDB is not safe under concurrent requests: TransactWriteItems deep-copies
    the table while other threads change it ("dictionary changed size during iteration",
    then a 500). DynamoDB itself has no such limit, so the bench serialises moto's work
    (connections are still accepted concurrently) rather than measure moto's race.
    Serialising less gains nothing: moto is CPU-bound under one GIL. Under the loop load,
    reads concurrent with writes (a readers-writer lock) or only TransactWriteItems
    serialised gave the same wall time, and no lock at all gave 500s and retries.
    moto's TransactWriteItems deep-copies the whole table once per item it writes, so its
    cost grew with the table: 2-item transactions took 4, 22 and 76 ms at 0, 500 and
    2,000 items (Query 2, 6, 14 ms; GetItem and PutItem ~2.5 ms throughout). The local
    stack's patch (infra/atomic_moto.py) keeps a copy of only the items written; the bench
    runs the same moto `make run` does.
    """
    import logging
    import threading

    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    from infra.atomic_moto import Serialised, install

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    install()  # the local stack's moto: transactions copy only the items they write
    app = Serialised(DomainDispatcherApplication(create_backend_app))
    lock = threading.Lock()
    # moto's own service time (a bound on wall time), in all and per DynamoDB operation.
    busy: dict[str, Any] = {"requests": 0, "seconds": 0.0, "by_operation": {}}

    def one_at_a_time(environ: Any, start_response: Any) -> Any:
        if environ.get("PATH_INFO") == "/__bench/moto-stats":
            if environ["REQUEST_METHOD"] == "POST":
                busy.update(requests=0, seconds=0.0, by_operation={})
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(busy).encode()]
        operation = environ.get("HTTP_X_AMZ_TARGET", "other").rsplit(".", 1)[-1]
        with lock:
            start = time.monotonic()
            try:
                return list(app(environ, start_response))
            finally:
                took = time.monotonic() - start
                busy["requests"] += 1
                busy["seconds"] += took
                count, seconds = busy["by_operation"].get(operation, (0, 0.0))
                busy["by_operation"][operation] = (count + 1, seconds + took)

    server = make_server(
        "127.0.0.1", 0, one_at_a_time, threaded=True, request_handler=MotoRequestHandler
    )
    server.socket.listen(LISTEN_BACKLOG)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        print(json.dumps({"url": f"http://{host}:{port}"}), flush=True)
        _serve_until_stdin_closes()
    finally:
        server.shutdown()
        thread.join(timeout=10)


def _groq(delay: float) -> None:
    from tests.support.groq_stub import GroqStub, reply  # listens with a burst-sized backlog

    stub = GroqStub().start()

    def set_delay(seconds: float) -> None:
        stub.always("chat", reply(delay=seconds))

    def command(line: str) -> None:
        # "delay 0.5": a bench changes the chat delay between its phases (bench/local.py).
        word, _, value = line.partition(" ")
        if word == "delay":
            set_delay(float(value))
            print("ok", flush=True)

    try:
        set_delay(delay)
        print(json.dumps({"url": stub.url, "api_key": stub.api_key}), flush=True)
        _serve_until_stdin_closes(command)
    finally:
        stub.stop()


def _livekit() -> None:
    import http.server

    http.server.ThreadingHTTPServer.request_queue_size = LISTEN_BACKLOG
    from tests.support.livekit_stub import API_KEY, API_SECRET, LiveKitStub

    stub = LiveKitStub().start()
    try:
        print(json.dumps({"url": stub.url, "key": API_KEY, "secret": API_SECRET}), flush=True)
        _serve_until_stdin_closes()
    finally:
        stub.stop()


@contextmanager
def started(
    cmd: list[str], env: dict[str, str], *, stderr: int | None = None
) -> Iterator[dict[str, Any]]:
    """Run cmd (which prints one JSON line once ready); yield that line; stop it on exit."""
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], STARTUP_TIMEOUT)
        line = proc.stdout.readline() if ready else ""
        if not line:
            raise RuntimeError(f"{' '.join(cmd[1:])} did not start (exit code {proc.poll()})")
        yield json.loads(line)
    finally:
        if proc.stdin is not None:
            proc.stdin.close()  # the signal to stop
        wait_or_kill(proc, 15)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def make_run_server(env: dict[str, str], tree: Path = ROOT) -> Iterator[tuple[str, int]]:
    """`python -m infra.local_server` of `tree` (what `make run` starts: embedded moto, the
    stream and queue pollers, schedules) on a free port; yields (url, pid) once /health
    answers. Its output goes to a file (a pipe nobody reads would block it), shown if it
    fails to start."""
    import httpx

    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, after the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "infra.local_server"],
        cwd=tree,
        env={**env, "PORT": str(port), "PYTHONPATH": str(tree)},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"local server did not start:\n{log.read().decode()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.terminate()
        wait_or_kill(proc, 20)
        log.close()


def service(kind: str, *args: str) -> AbstractContextManager[dict[str, Any]]:
    """`python -m bench.services kind ...` in its own process."""
    cmd = [sys.executable, "-m", "bench.services", kind, *args]
    return started(cmd, {**os.environ, "PYTHONPATH": str(ROOT)})


def main() -> None:
    parser = argparse.ArgumentParser(description="one benchmark service")
    parser.add_argument("kind", choices=["moto", "groq", "livekit"])
    parser.add_argument("--delay", type=float, default=0.0, help="groq: seconds per chat call")
    args = parser.parse_args()
    if args.kind == "moto":
        _moto()
    elif args.kind == "groq":
        _groq(args.delay)
    else:
        _livekit()


if __name__ == "__main__":
    main()
