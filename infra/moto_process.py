"""The local stack's DynamoDB, SQS and stream (moto, patched by infra/atomic_moto.py) in a
process of its own, served with keep-alive connections.

    python -m infra.moto_process    (prints {"url": ...} once listening; stops when stdin closes)

Why not moto's ThreadedMotoServer in the API's process, as before (issue 30's profile):
werkzeug's development server closes every connection and starts a thread per request, so
each DynamoDB call paid a TCP handshake, a thread and two unbuffered writes, and moto's
work ran under the API's GIL, on the API's core. Here uvicorn (httptools) keeps the
connections aiobotocore pools, a2wsgi runs moto's WSGI app on a fixed pool of threads, and
the second core serves moto while the first serves the functions.

DynamoDB's requests (and its stream's) are answered on the event loop itself (`TablesInline`):
`Serialised` lets only one into moto at a time anyway, and a2wsgi's hand-offs to a pool
thread and back (a thread wake for the call, one per chunk of the answer) cost more than
moto's own work on a GetItem (0.9 of 1.7 ms of CPU per request, measured with
`python -m bench local`'s floor). The pool keeps what blocks: SQS's long polls (up to 20 s
each) and the stream wait, and it is sized for those.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from a2wsgi import WSGIMiddleware
from a2wsgi.wsgi import build_environ

from infra.atomic_moto import SERIALISED_TARGETS, WSGIApp, local_app
from infra.local_stack import listener

Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
    Awaitable[None],
]

POOL_THREADS = 64
LISTEN_BACKLOG = 2048  # bursts of 100+ concurrent clients: no dropped SYNs


class TablesInline:
    """ASGI: DynamoDB's and its stream's requests through the WSGI app on the event loop;
    every other request (SQS, the stream wait) to `pooled`, which runs it in a thread."""

    def __init__(self, wsgi: WSGIApp, pooled: ASGIApp) -> None:
        self.wsgi, self.pooled = wsgi, pooled

    async def __call__(
        self,
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        target = next((v for k, v in scope.get("headers", ()) if k == b"x-amz-target"), b"")
        if scope["type"] != "http" or not target.decode("latin-1").startswith(SERIALISED_TARGETS):
            await self.pooled(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        answer: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], *exc: Any) -> None:
            answer.update(status=int(status.split(" ", 1)[0]), headers=headers)

        environ = build_environ(scope, io.BytesIO(bytes(body)))  # type: ignore[arg-type]
        content = b"".join(self.wsgi(environ, start_response))
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in answer["headers"]]
        await send({"type": "http.response.start", "status": answer["status"], "headers": headers})
        await send({"type": "http.response.body", "body": content})


async def _serve(port: int) -> None:
    import uvicorn

    sock = listener(port)  # Nagle off: see there
    wsgi = local_app()
    app = TablesInline(wsgi, WSGIMiddleware(wsgi, workers=POOL_THREADS))  # type: ignore[arg-type]
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
