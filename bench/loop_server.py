"""The local server with a heartbeat on its event loop: a bench-only wrapper, not production.

    python -m bench.loop_server     (prints {"url": ...} once listening; stops when stdin closes)

Serves infra.local_server's FunctionRouter (every function of serverless.yml) under uvicorn
on 127.0.0.1 and adds two routes of its own:
  POST /__bench/heartbeat   start (or restart) counting 10 ms heartbeat ticks
  GET  /__bench/heartbeat   {ticks, elapsed_s, max_lag_ms, cpu_s} since the last start
A tick sleeps 10 ms; its lag is how much later than that it woke up (the loop was busy).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

from bench.services import MAX_LIFETIME

TICK_S = 0.01


class Heartbeat:
    def __init__(self) -> None:
        self.task: asyncio.Task[None] | None = None
        self.ticks = 0
        self.max_lag = 0.0
        self.started = 0.0
        self.cpu_started = 0.0

    def restart(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.ticks, self.max_lag, self.started = 0, 0.0, time.monotonic()
        self.cpu_started = time.process_time()
        self.task = asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        end = self.started + MAX_LIFETIME
        while time.monotonic() < end:
            before = time.monotonic()
            await asyncio.sleep(TICK_S)
            self.max_lag = max(self.max_lag, time.monotonic() - before - TICK_S)
            self.ticks += 1

    def stats(self) -> dict[str, Any]:
        return {
            "ticks": self.ticks,
            "elapsed_s": time.monotonic() - self.started,
            "max_lag_ms": self.max_lag * 1000,
            # The server's own CPU in the window: what its loop had to run, against the lag.
            "cpu_s": time.process_time() - self.cpu_started,
        }


class WithHeartbeat:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.heartbeat = Heartbeat()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/__bench/heartbeat":
            if scope["method"] == "POST":
                self.heartbeat.restart()
            body = json.dumps(self.heartbeat.stats()).encode()
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


async def _serve() -> None:
    import uvicorn

    from infra import routes
    from infra.local_server import FunctionRouter
    from infra.local_stack import listener

    sock = listener()  # Nagle off: 40 ms a request without (see there)
    app = WithHeartbeat(FunctionRouter(routes.load()))
    config = uvicorn.Config(app, log_level="warning", access_log=False, backlog=2048)
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for this
        await asyncio.sleep(0.01)
    print(json.dumps({"url": f"http://127.0.0.1:{sock.getsockname()[1]}"}), flush=True)
    # The functions log a line per request to stdout. Nobody reads this pipe after the
    # first line: once full, writes would block the loop. Logs go to /dev/null instead.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    # Stop when the parent closes stdin (read in a thread: the loop must stay free).
    await asyncio.wait(
        [asyncio.create_task(asyncio.to_thread(sys.stdin.readline)), serving],
        timeout=MAX_LIFETIME,
        return_when=asyncio.FIRST_COMPLETED,
    )
    server.should_exit = True
    await serving


if __name__ == "__main__":
    asyncio.run(_serve())
