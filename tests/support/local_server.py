"""The local server (every function of serverless.yml in one ASGI app) on a real port."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from infra import routes
from infra.local_server import local_app
from infra.local_stack import listener


@contextmanager
def serve_locally() -> Iterator[str]:
    """Serve the function router on 127.0.0.1 in a thread; yields its base URL."""
    sock = listener()  # Nagle off: 40 ms a request without (see there)
    port = sock.getsockname()[1]
    config = uvicorn.Config(local_app(routes.load()), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
