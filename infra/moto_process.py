"""The local stack's DynamoDB, SQS and stream (moto, patched by infra/atomic_moto.py) in a
process of its own, served with keep-alive connections.

    python -m infra.moto_process    (prints {"url": ...} once listening; stops when stdin closes)

Why not moto's ThreadedMotoServer in the API's process, as before (issue 30's profile):
werkzeug's development server closes every connection and starts a thread per request, so
each DynamoDB call paid a TCP handshake, a thread and two unbuffered writes, and moto's
work ran under the API's GIL, on the API's core. Here uvicorn (httptools) keeps the
connections aiobotocore pools, a2wsgi runs moto's WSGI app on a fixed pool of threads, and
the second core serves moto while the first serves the functions.

The pool's threads mostly queue on `Serialised`'s lock (one DynamoDB request at a time) or
sit in SQS long polls (up to 20 s each) and the stream wait: it is sized for those.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import sys

from infra.atomic_moto import local_app

POOL_THREADS = 64
LISTEN_BACKLOG = 2048  # bursts of 100+ concurrent clients: no dropped SYNs


async def _serve(port: int) -> None:
    import uvicorn
    from a2wsgi import WSGIMiddleware

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Inherited by each accepted connection. Without it a response's headers and body go
    # out as two small segments and Nagle holds the second for the client's delayed ACK:
    # 46 ms per request instead of 3 (measured with boto3's GetItem).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", port))
    app = WSGIMiddleware(local_app(), workers=POOL_THREADS)  # type: ignore[arg-type]
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, backlog=LISTEN_BACKLOG, lifespan="off"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # uvicorn offers no event for this
        if serving.done():
            await serving  # it failed to start: raise why
        await asyncio.sleep(0.01)
    host, bound = sock.getsockname()[:2]
    print(json.dumps({"url": f"http://{host}:{bound}"}), flush=True)
    # Stop when the parent closes stdin, or dies (read in a thread: the loop stays free).
    await asyncio.wait(
        [asyncio.create_task(asyncio.to_thread(sys.stdin.read)), serving],
        return_when=asyncio.FIRST_COMPLETED,
    )
    server.should_exit = True
    await serving


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    asyncio.run(_serve(port))


if __name__ == "__main__":
    main()
