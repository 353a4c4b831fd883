"""Serve every function of serverless.yml together on 127.0.0.1, for development.

Each request goes to the FastAPI app of the function whose route it matches, as API
Gateway would send it to that Lambda. Starts an embedded DynamoDB (moto) unless
DYNAMODB_ENDPOINT_URL is set, and prints development tokens when AUTH_JWT_SECRET is unset
(CURSOR_SECRET, when unset, is generated too).

    python -m infra.local_server        (PORT, default 8000)
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.responses import JSONResponse

from functions.api.problems import problem
from infra import api_docs
from infra import routes as route_table

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class FunctionRouter:
    """An ASGI app that dispatches to one function app per serverless.yml route."""

    def __init__(self, routes: list[route_table.Route]) -> None:
        # API Gateway's precedence: a path without variables wins over a template
        # (GET /transfers/export before GET /transfers/{transfer_id}); then file order.
        self.routes = sorted(routes, key=lambda r: r.path.count("{"))
        self.apps = {r.function: r.load_app() for r in routes}
        self._openapi: dict[str, Any] | None = None
        # The WebSocket API's routes ($connect, ...) and the @connections endpoint.
        from infra.websocket_gateway import WebSocketGateway

        self.sockets = WebSocketGateway()

    def openapi(self) -> dict[str, Any]:
        """One OpenAPI document merged from every function app's own (infra/openapi_doc)."""
        if self._openapi is None:
            from infra import openapi_doc

            self._openapi = openapi_doc.build(self.routes)
        return self._openapi

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            from functions.livekit import rooms as media
            from functions.messaging import clients as messaging
            from functions.store.table import client as dynamodb

            await dynamodb.close()
            await messaging.close()
            await media.close()
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] == "websocket" and scope["path"] == "/ws":
            await self.sockets.serve_socket(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        if self.sockets.is_management(path):
            await self.sockets.serve_management(scope, receive, send)
            return
        if method == "GET" and path == "/openapi.json":
            await JSONResponse(self.openapi())(scope, receive, send)
            return
        if method == "GET" and api_docs.is_docs(path):
            await api_docs.response(path)(scope, receive, send)
            return
        methods = []
        for route in self.routes:
            if route.pattern.match(path):
                if route.method == method:
                    await self.apps[route.function](scope, receive, send)
                    return
                methods.append(route.method)
        # No route: a 404, or a 405 naming the methods the path has (RFC 9110 `Allow`).
        detail = f"no route for {method} {path}"
        if methods:
            allow = {"Allow": ", ".join(methods)}
            missing = problem(405, "method-not-allowed", "Method not allowed", detail, allow)
        else:
            missing = problem(404, "not-found", "Not found", detail)
        await missing(scope, receive, send)


def local_app(routes: list[route_table.Route] | None = None) -> Any:
    """The function router behind the CORS answers API Gateway gives (serverless.yml's
    httpApi.cors), so a page on another origin works against `make run`."""
    from starlette.middleware.cors import CORSMiddleware

    cors = route_table.cors()
    return CORSMiddleware(
        FunctionRouter(routes if routes is not None else route_table.load()),
        allow_origins=cors.origins,
        allow_methods=cors.methods,
        allow_headers=cors.headers,
        max_age=cors.max_age,
    )


def _dev_tokens(secret: str) -> dict[str, str]:
    import jwt

    exp = int(time.time()) + 12 * 3600
    who = {
        "service": ("voice-pipeline", "service"),
        "agent alice": ("alice", "agent"),
        "agent bob": ("bob", "agent"),
        "supervisor": ("sup-1", "supervisor"),
    }
    return {
        label: jwt.encode({"sub": sub, "role": role, "exp": exp}, secret, algorithm="HS256")
        for label, (sub, role) in who.items()
    }


def main() -> None:
    import uvicorn

    from infra import local_ops
    from infra.local_stack import LocalDynamoDB, create_table

    os.environ.setdefault("AWS_REGION", "us-east-1")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    os.environ.setdefault("TABLE_NAME", "warm-transfer-local")
    # Metrics are EMF lines for CloudWatch; on a console they bury the request log (a
    # transfer writes a dozen). POWERTOOLS_METRICS_DISABLED=false shows them.
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    persist = os.environ.get("PERSIST") == "1"  # keep the embedded table's items in .local/
    table, region = os.environ["TABLE_NAME"], os.environ["AWS_REGION"]
    embedded = None
    if not os.environ.get("DYNAMODB_ENDPOINT_URL"):
        embedded = LocalDynamoDB().start()
        os.environ["DYNAMODB_ENDPOINT_URL"] = embedded.endpoint_url
        create_table(embedded.endpoint_url, table, region)
        print(f"embedded DynamoDB (moto) at {embedded.endpoint_url}")
        if persist:
            loaded = local_ops.load_items(embedded.endpoint_url, table, region)
            print(f"PERSIST=1: {loaded} items loaded from {local_ops.state_dir()}")
    if os.environ.get("AUTH_OIDC_ISSUER"):
        # Tokens come from the issuer (HS256 is refused): no secret to make.
        print(f"tokens of {os.environ['AUTH_OIDC_ISSUER']} only (HS256 refused)")
    elif not os.environ.get("AUTH_JWT_SECRET"):
        os.environ["AUTH_JWT_SECRET"] = local_ops.dev_secret("dev-secret")
        print(f"AUTH_JWT_SECRET unset: the development secret of {local_ops.state_dir()}.")
        print("Tokens (12 h):")
        for label, token in _dev_tokens(os.environ["AUTH_JWT_SECRET"]).items():
            print(f"  {label:<12} {token}")
    if not os.environ.get("CURSOR_SECRET"):
        # List cursors are signed with a key of their own, kept like the JWT secret.
        os.environ["CURSOR_SECRET"] = local_ops.dev_secret("cursor-secret")
    if not os.environ.get("GROQ_API_KEY"):
        print("GROQ_API_KEY unset: briefings and replies come from the offline summariser")
    port = int(os.environ.get("PORT", "8000"))
    events = _start_events(port)
    app = local_app()
    count = len(route_table.load())
    print(f"serving {count} routes on http://127.0.0.1:{port} (OpenAPI: /openapi.json)")
    print(f"events: ws://127.0.0.1:{port}/ws?token=<JWT>")
    console = f"http://127.0.0.1:{port}/console/"
    if os.environ.get("AUTH_OIDC_ISSUER") and os.environ.get("CONSOLE_OIDC_CLIENT_ID"):
        # The provider sends people back here: it must know this URL as the client's.
        client = os.environ["CONSOLE_OIDC_CLIENT_ID"]
        print(f"agent console: {console} (sign-in as client {client}; redirect URI {console})")
    else:
        print(f"agent console: {console}#token=<an agent's token>")
    print(f"API reference: http://127.0.0.1:{port}/docs/")
    scheduler = local_ops.Scheduler(local_ops.schedules()).start()
    for schedule in scheduler.plan:
        print(f"scheduled: {schedule.function} every {schedule.seconds:g} s (serverless.yml)")
    try:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    finally:
        scheduler.stop()
        if events is not None:
            events.stop()
        if persist and embedded is not None:
            saved = local_ops.save_items(embedded.endpoint_url, table, region)
            print(f"PERSIST=1: {saved} items saved to {local_ops.state_dir()}")
        if embedded is not None:
            embedded.stop()  # its process would end with this one's pipe; say so first


def _start_events(port: int) -> Any:
    """The embedded moto's queues and the stream/queue pollers (infra/event_sources.py);
    post_to_connection goes to this server's own @connections endpoint."""
    from infra.event_sources import LocalEvents
    from infra.websocket_gateway import management_url

    os.environ.setdefault("WEBSOCKET_MANAGEMENT_URL", management_url(f"http://127.0.0.1:{port}"))
    os.environ.setdefault("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
    endpoint = os.environ["DYNAMODB_ENDPOINT_URL"]
    os.environ.setdefault("SQS_ENDPOINT_URL", endpoint)
    events = LocalEvents(endpoint, os.environ["TABLE_NAME"], os.environ["AWS_REGION"])
    if not events.has_stream():
        print("events off: the table has no stream (create it with infra.local_stack)")
        return None
    urls = events.create_queues()
    os.environ.setdefault("WEBHOOK_QUEUE_URL", urls["WebhookDeliveryQueue"])
    os.environ.setdefault("WEBHOOK_DLQ_URL", urls["WebhookDeadLetterQueue"])
    os.environ.setdefault("ROUTING_TIMER_QUEUE_URL", urls["RoutingTimerQueue"])
    return events.start()


if __name__ == "__main__":
    main()
