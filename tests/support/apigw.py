"""Genuine API Gateway events for invoking the Mangum handlers as Lambda would.

`invoke` builds an HTTP API (payload format 2.0) or REST API (1.0) event in the shape
API Gateway sends, calls the handler from sync code (as the Lambda runtime does) and
returns what the client would receive.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

ACCOUNT = "123456789012"
API_ID = "a1b2c3d4e5"


@dataclass
class LambdaContext:
    """The attributes of the Lambda runtime's context object that code may read."""

    function_name: str = "warm-transfer-dev-test"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 256
    aws_request_id: str = ""
    remaining_ms: int = 29_000

    def __post_init__(self) -> None:
        self.aws_request_id = self.aws_request_id or str(uuid.uuid4())
        self.invoked_function_arn = (
            f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{self.function_name}"
        )
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "2026/11/28/[$LATEST]0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


class TimedLambdaContext(LambdaContext):
    """A context whose remaining time runs down as the Lambda runtime's does: the
    function's timeout from when it was made, on the monotonic clock."""

    def __init__(self, timeout_seconds: float) -> None:
        super().__init__()
        self.ends_at = time.monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.ends_at - time.monotonic()) * 1000))


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    data: bytes = b""  # the body as sent (binary answers, e.g. audio, are not text)

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def _body(body: Any) -> str | None:
    if body is None:
        return None
    return body if isinstance(body, str) else json.dumps(body)


def http_api_event(
    method: str,
    path: str,
    *,
    route_path: str | None = None,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
    path_params: Mapping[str, str] | None = None,
    claims: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """An HTTP API payload 2.0 event (headers lower-cased, as API Gateway sends them).
    `claims`: what a JWT authorizer verified (strings, as API Gateway renders them)."""
    hdrs = {"host": f"{API_ID}.execute-api.us-east-1.amazonaws.com", "user-agent": "pytest"}
    hdrs.update({k.lower(): v for k, v in (headers or {}).items()})
    raw = _body(body)
    if raw is not None:
        hdrs.setdefault("content-type", "application/json")
        hdrs["content-length"] = str(len(raw.encode()))
    now = time.time()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": f"{method} {route_path or path}",
        "rawPath": path,
        "rawQueryString": urlencode(query or {}),
        "headers": hdrs,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": API_ID,
            "domainName": hdrs["host"],
            "domainPrefix": API_ID,
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.10",
                "userAgent": "pytest",
            },
            "requestId": str(uuid.uuid4()),
            "routeKey": f"{method} {route_path or path}",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
        },
        "isBase64Encoded": False,
    }
    if claims is not None:
        scopes = claims.get("scope")
        event["requestContext"]["authorizer"] = {
            "jwt": {"claims": dict(claims), "scopes": scopes.split() if scopes else None}
        }
    if query:
        event["queryStringParameters"] = dict(query)
    if path_params:
        event["pathParameters"] = dict(path_params)
    if raw is not None:
        event["body"] = raw
    return event


def rest_api_event(
    method: str,
    path: str,
    *,
    resource: str | None = None,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
    path_params: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A REST API (payload 1.0, Lambda proxy integration) event."""
    hdrs = {"Host": f"{API_ID}.execute-api.us-east-1.amazonaws.com", "User-Agent": "pytest"}
    hdrs.update(headers or {})
    raw = _body(body)
    if raw is not None:
        hdrs.setdefault("Content-Type", "application/json")
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method,
        "headers": hdrs,
        "multiValueHeaders": {k: [v] for k, v in hdrs.items()},
        "queryStringParameters": dict(query) if query else None,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": dict(path_params) if path_params else None,
        "stageVariables": None,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": API_ID,
            "resourcePath": resource or path,
            "httpMethod": method,
            "path": f"/prod{path}",
            "protocol": "HTTP/1.1",
            "stage": "prod",
            "requestId": str(uuid.uuid4()),
            "requestTimeEpoch": int(time.time() * 1000),
            "identity": {"sourceIp": "203.0.113.10", "userAgent": "pytest"},
        },
        "body": raw,
        "isBase64Encoded": False,
    }


def _ensure_loop() -> None:
    """Mangum runs each invocation on the thread's current loop, which the Lambda runtime
    keeps for the container's life. An async test (pytest-asyncio) before this one may
    have closed and unset it: give the thread a loop again, as a fresh container has."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        loop = None
    if loop is None or loop.is_closed():
        asyncio.set_event_loop(asyncio.new_event_loop())


def invoke(
    handler: Callable[[dict[str, Any], Any], dict[str, Any]],
    method: str,
    path: str,
    *,
    body: Any = None,
    token: str | None = None,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
    path_params: Mapping[str, str] | None = None,
    route_path: str | None = None,
    version: int = 2,
    context: LambdaContext | None = None,
    claims: Mapping[str, str] | None = None,
) -> Response:
    hdrs = dict(headers or {})
    if token is not None:
        hdrs["Authorization"] = f"Bearer {token}"
    build = http_api_event if version == 2 else rest_api_event
    kwargs: dict[str, Any] = {"body": body, "headers": hdrs, "query": query}
    kwargs["path_params"] = path_params
    if version == 2:
        kwargs["route_path"] = route_path
        kwargs["claims"] = claims
    else:
        kwargs["resource"] = route_path
    _ensure_loop()
    result = handler(build(method, path, **kwargs), context or LambdaContext())
    text = result.get("body") or ""
    data = base64.b64decode(text) if result.get("isBase64Encoded") else text.encode()
    text = data.decode(errors="replace")
    headers_out = {k.lower(): v for k, v in (result.get("headers") or {}).items()}
    for k, vs in (result.get("multiValueHeaders") or {}).items():
        headers_out[k.lower()] = ", ".join(vs)
    return Response(result["statusCode"], headers_out, text, data)
