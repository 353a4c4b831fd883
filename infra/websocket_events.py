"""Genuine API Gateway WebSocket API events ($connect, $disconnect, $default), as the
Lambda functions of those routes receive them (the local server and tests build them here)."""

from __future__ import annotations

import base64
import secrets
import time
import uuid
from collections.abc import Mapping
from email.utils import formatdate
from typing import Any

API_ID = "localws0001"
STAGE = "local"


def new_connection_id() -> str:
    """An id shaped like API Gateway's (12 random bytes, base64: 'L0SM9cOFvHcCIhw=')."""
    return base64.b64encode(secrets.token_bytes(10)).decode()


def _request_context(
    route: str, kind: str, connection_id: str, domain: str, connected_at: int, source_ip: str
) -> dict[str, Any]:
    now = time.time()
    return {
        "routeKey": route,
        "eventType": kind,
        "extendedRequestId": uuid.uuid4().hex[:16] + "=",
        "requestTime": formatdate(now, usegmt=True),
        "messageDirection": "IN",
        "stage": STAGE,
        "connectedAt": connected_at,
        "requestTimeEpoch": int(now * 1000),
        "identity": {"sourceIp": source_ip},
        "requestId": uuid.uuid4().hex[:16] + "=",
        "domainName": domain,
        "connectionId": connection_id,
        "apiId": API_ID,
    }


def connect_event(
    connection_id: str,
    *,
    domain: str,
    headers: Mapping[str, str],
    query: Mapping[str, list[str]],
    connected_at: int,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    return {
        "headers": dict(headers),
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        # API Gateway gives the last value of a repeated parameter in the single-value map.
        "queryStringParameters": {k: v[-1] for k, v in query.items()} or None,
        "multiValueQueryStringParameters": {k: list(v) for k, v in query.items()} or None,
        "requestContext": _request_context(
            "$connect", "CONNECT", connection_id, domain, connected_at, source_ip
        ),
        "isBase64Encoded": False,
    }


def message_event(
    connection_id: str, body: str, *, domain: str, connected_at: int, source_ip: str = "127.0.0.1"
) -> dict[str, Any]:
    context = _request_context(
        "$default", "MESSAGE", connection_id, domain, connected_at, source_ip
    )
    context["messageId"] = uuid.uuid4().hex[:16] + "="
    return {"requestContext": context, "body": body, "isBase64Encoded": False}


def disconnect_event(
    connection_id: str,
    *,
    domain: str,
    connected_at: int,
    status_code: int = 1000,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    context = _request_context(
        "$disconnect", "DISCONNECT", connection_id, domain, connected_at, source_ip
    )
    context |= {"disconnectStatusCode": status_code, "disconnectReason": ""}
    return {
        "headers": {"Host": domain, "x-api-key": "", "x-restapi": ""},
        "multiValueHeaders": {"Host": [domain]},
        "requestContext": context,
        "isBase64Encoded": False,
    }
