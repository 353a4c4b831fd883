"""Idempotency-Key for every POST, stored in DynamoDB (async; Powertools' semantics).

The first request with a key claims it with a conditional put of an in-progress record,
runs, and stores its response (status, content type, body); a repeat with the same key
and body gets that response again with `Idempotent-Replayed: true` and does no work. A
repeat while the first still runs is a 409 (retry shortly); the same key with another
body is a 422. Only successful (2xx) responses are kept: an error releases the key, so a
retry runs again (as Powertools deletes the record when the function raises). Keys are
scoped to the caller's `sub` and role, so two clients cannot collide, and a request the
route would refuse (a role it does not admit) is never answered from the store.

An in-progress record locks the key only as long as the Lambda can still be running
(its remaining time, from the context Mangum puts in scope["aws.context"]); after that a
retry takes the key over. Records age out through the table's TTL.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import Match, Router

from functions.api import problems
from functions.api.auth import caller
from functions.api.middleware.asgi import (
    ASGIApp,
    CapturedResponse,
    Receive,
    Scope,
    Send,
    header,
    read_body,
    replay,
)
from functions.domain.errors import DomainError
from functions.shared import clock, deadline
from functions.shared.settings import get_settings
from functions.store.idempotency import IdempotencyRecord, StoredResponse, get_idempotency_repo

HEADER = b"idempotency-key"
REPLAYED_HEADER = b"idempotent-replayed"
# 1..128 printable ASCII characters.
KEY_PATTERN = re.compile(r"^[\x20-\x7e]{1,128}$")
log = logging.getLogger("warm_transfer.idempotency")


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What must match for a repeat to be the same request: method, path and body.

    A JSON body is compared by content, so key order and spacing do not matter."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        # Not JSON, or nested too deep to walk: the route refuses it (400) as without a key.
        canonical = body
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


async def _caller(scope: Scope, router: Router | None) -> str | None:
    """Whose key this is (`<role>#<sub>`), or None when the route would refuse the
    request anyway (no valid token, a role the route does not admit, or an issuer whose
    keys cannot be had): it then runs unkeyed and answers its 401/403/503, and no stored
    answer is ever replayed to it."""
    try:
        actor = await caller(scope)
    except DomainError:
        return None
    allowed = _route_roles(scope, router)
    if allowed is not None and actor.role not in allowed:
        return None
    # Subs and roles match ID_PATTERN, which has no '#'.
    return f"{actor.role}#{actor.sub}"


def _route_roles(scope: Scope, router: Router | None) -> frozenset[Any] | None:
    """The roles the matching route's auth dependency admits (api.auth.require)."""
    for route in router.routes if router is not None else ():
        if isinstance(route, APIRoute) and route.matches(scope)[0] is Match.FULL:
            for dependency in route.dependant.dependencies:
                roles = getattr(dependency.call, "roles", None)
                if roles is not None:
                    return frozenset(roles)
    return None


def _lock_ms(scope: Scope) -> int:
    """How long this request may still run: the Lambda's remaining time, else the setting."""
    context = scope.get("aws.context")
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if callable(remaining):
        return int(remaining())
    return get_settings().idempotency_in_progress_seconds * 1000


class KeyInFlight(DomainError):
    status, slug, title = 409, "idempotency-key-in-progress", "Request already in progress"

    def __init__(self) -> None:
        super().__init__(
            "a request with this Idempotency-Key is still being processed; retry shortly"
        )
        self.headers = {"Retry-After": "1"}


class KeyReused(DomainError):
    status, slug, title = 422, "idempotency-key-reused", "Idempotency-Key reused"


class InvalidKey(DomainError):
    status, slug, title = 400, "invalid-idempotency-key", "Invalid Idempotency-Key"


class Idempotency:
    """ASGI middleware applying the semantics above to every POST that carries a key."""

    def __init__(
        self,
        app: ASGIApp,
        unstored_fields: frozenset[str] = frozenset(),
        router: Router | None = None,
    ) -> None:
        self.app = app
        self.router = router
        # Top-level response fields never written to the store (secrets such as LiveKit
        # join tokens): a replay answers them empty.
        self.unstored_fields = unstored_fields

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = header(scope, HEADER) if scope["type"] == "http" else None
        if key is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        key = key.strip()
        if not KEY_PATTERN.match(key):
            problem = InvalidKey("Idempotency-Key must be 1 to 128 printable ASCII characters")
            await problems.send_error(problem, scope, receive, send)
            return
        sub = await _caller(scope, self.router)
        if sub is None:
            await self.app(scope, receive, send)  # auth refuses it; nothing to remember
            return
        body = await read_body(receive)
        request = _Request(sub, key, fingerprint(scope["method"], scope["path"], body))
        try:
            existing = await request.claim(_lock_ms(scope))
            if existing is not None:
                await request.answer(existing, send)
                return
        except problems.ANSWERABLE as exc:
            await problems.send_error(exc, scope, receive, send)
            return
        captured = CapturedResponse()
        try:
            await self.app(scope, replay(body, receive), captured.send)
        except BaseException:
            with deadline.finishing():
                await request.release()
            raise
        with deadline.finishing():  # even when the route ran out of store time
            if captured.status is not None and 200 <= captured.status < 300:
                await request.save(captured, self.unstored_fields)
            else:
                await request.release()
        await captured.forward(send)


def _without(body: bytes, fields: frozenset[str]) -> bytes:
    if not fields:
        return body
    try:
        doc = json.loads(body)
    except ValueError:
        return body
    if not isinstance(doc, dict) or not fields & doc.keys():
        return body
    # Emptied, not dropped, so a replay keeps the response's shape.
    kept = {k: ([] if isinstance(v, list) else None) if k in fields else v for k, v in doc.items()}
    return json.dumps(kept).encode()


class _Request:
    """One keyed request and its record in the store."""

    def __init__(self, sub: str, key: str, payload_hash: str) -> None:
        self.sub, self.key, self.payload_hash = sub, key, payload_hash
        self.owner = secrets.token_hex(8)  # so only this request saves or releases its claim

    def _expires_at(self) -> int:
        return int(clock.now().timestamp()) + get_settings().idempotency_ttl_seconds

    async def claim(self, lock_ms: int) -> IdempotencyRecord | None:
        now_ms = int(clock.now().timestamp() * 1000)
        return await (await get_idempotency_repo()).claim(
            self.sub,
            self.key,
            payload_hash=self.payload_hash,
            owner=self.owner,
            locked_until_ms=now_ms + lock_ms,
            expires_at=self._expires_at(),
        )

    async def answer(self, record: IdempotencyRecord, send: Send) -> None:
        if record.payload_hash != self.payload_hash:
            raise KeyReused("this Idempotency-Key was used with a different request")
        if not record.completed:
            raise KeyInFlight()
        stored = await (await get_idempotency_repo()).response(self.sub, self.key, record)
        headers = [
            (b"content-type", stored.content_type.encode("latin-1")),
            (b"content-length", str(len(stored.body)).encode()),
            (REPLAYED_HEADER, b"true"),
        ]
        await send({"type": "http.response.start", "status": stored.status, "headers": headers})
        await send({"type": "http.response.body", "body": stored.body})

    async def save(self, response: CapturedResponse, unstored_fields: frozenset[str]) -> None:
        """Keep the response for repeats. If the store fails now, the work is done anyway:
        answer it, and let the in-progress lock expire (a later retry would run again)."""
        stored = StoredResponse(
            status=response.status or 200,
            content_type=response.header(b"content-type") or "application/json",
            body=_without(response.body, unstored_fields),
        )
        try:
            await (await get_idempotency_repo()).complete(
                self.sub, self.key, owner=self.owner, response=stored, expires_at=self._expires_at()
            )
        except Exception:
            # Whatever failed, the work is done: its answer goes out, never a 500 instead.
            log.warning(
                "idempotency: response not stored; the key unlocks when its lock expires",
                exc_info=True,
            )

    async def release(self) -> None:
        """Forget the claim so a retry runs again (best effort: else the lock expires)."""
        try:
            await (await get_idempotency_repo()).release(self.sub, self.key, owner=self.owner)
        except Exception:
            # Best effort: the request's own answer (often a 503) must not become a 500.
            log.warning(
                "idempotency: claim not released; the key unlocks when its lock expires",
                exc_info=True,
            )
