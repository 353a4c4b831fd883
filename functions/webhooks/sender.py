"""Outbound webhook HTTP: sign with the `standardwebhooks` library, POST with aiohttp.

The only code that makes HTTP requests to subscribers' URLs. Addresses are checked when
they are resolved for the connection itself, so a name that resolves to a public address
when the webhook is created and to a private one later (DNS rebinding) is still refused.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from standardwebhooks.webhooks import Webhook


class TargetRefused(Exception):
    """The URL resolves to an address webhooks may not reach."""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    # "status 503", "timeout", "connection_error", "refused_target": never a body or secret.
    error: str | None = None


async def resolve(host: str) -> list[str]:
    """The addresses `host` resolves to (an IP literal resolves to itself)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


class _GuardedResolver(AbstractResolver):
    def __init__(self, allowed: Callable[[str], bool]) -> None:
        self._inner = DefaultResolver()
        self._allowed = allowed

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        if not found or not all(self._allowed(r["host"]) for r in found):
            raise TargetRefused(host)
        return found

    async def close(self) -> None:
        await self._inner.close()


def sign(secret: str, msg_id: str, at: datetime, body: str) -> str:
    """The webhook-signature header value (v1,<base64 HMAC-SHA256>)."""
    return Webhook(secret).sign(msg_id=msg_id, timestamp=at, data=body)


async def deliver(
    url: str,
    secret: str,
    msg_id: str,
    payload: dict[str, Any],
    *,
    limit_seconds: float,
    allowed: Callable[[str], bool],
) -> Outcome:
    """One attempt: POST the signed JSON; ok on any 2xx."""
    body = json.dumps(payload, separators=(",", ":"))
    at = datetime.now(UTC)
    headers = {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": sign(secret, msg_id, at, body),
        "user-agent": "warm-transfer-webhooks",
    }
    connector = aiohttp.TCPConnector(resolver=_GuardedResolver(allowed), force_close=True)
    try:
        async with (
            aiohttp.ClientSession(
                connector=connector, timeout=aiohttp.ClientTimeout(total=limit_seconds)
            ) as session,
            # No redirects: a 30x to a private address would slip past the check.
            session.post(url, data=body.encode(), headers=headers, allow_redirects=False) as r,
        ):
            if 200 <= r.status < 300:
                return Outcome(True)
            return Outcome(False, f"status {r.status}")
    except TargetRefused:
        return Outcome(False, "refused_target")
    except TimeoutError:
        return Outcome(False, "timeout")
    except aiohttp.ClientError as exc:
        if isinstance(exc.__cause__, TargetRefused) or "TargetRefused" in repr(exc):
            return Outcome(False, "refused_target")
        return Outcome(False, "connection_error")
