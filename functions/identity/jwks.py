"""The issuer's signing keys: discovery and JWKS fetched over HTTP (httpx, async), kept
for the container's life, fetched again when a token names an unknown key (at most once
per AUTH_JWKS_REFETCH_SECONDS, default 10, counted from the last fetch an unknown key
caused: a rotated key is taken within that, and tokens with made-up key ids cannot flood
the issuer) and when the keys are older than AUTH_JWKS_MAX_AGE_SECONDS. Requests that
need keys at once share one fetch.

Only asymmetric keys for RS256, PS256 or ES256 are kept, each with the algorithm its JWK
states (or, without `alg`, the one its key type implies): a token is checked with the
key's algorithm, never with whatever its header claims.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jwt

from functions.domain.errors import InvalidToken, ServiceUnavailable
from functions.shared import clock
from functions.shared.settings import Settings

if TYPE_CHECKING:
    import httpx

ASYMMETRIC = frozenset({"RS256", "PS256", "ES256"})
# After a failed fetch, requests are answered 503 at once for this long (the Retry-After)
# rather than each waiting out a timeout against an issuer that is down.
FAILURE_HOLD_SECONDS = 5
DISCOVERY_PATH = "/.well-known/openid-configuration"


class IssuerUnavailable(ServiceUnavailable):
    """The issuer's keys could not be had: a 503 (never a 401, and never let through)."""

    slug, title = "identity-provider-unavailable", "Identity provider unavailable"

    def __init__(self) -> None:
        super().__init__(
            "the identity provider's keys could not be fetched; retry shortly",
            FAILURE_HOLD_SECONDS,
        )


@dataclass
class _KeySet:
    issuer: str | None = None
    jwks_uri: str | None = None
    keys: dict[str | None, jwt.PyJWK] = field(default_factory=dict)
    fetched_at: float | None = None  # last successful fetch (epoch seconds)
    tried_at: float = 0.0  # last attempt, successful or not
    failed: bool = False  # whether that attempt failed
    unknown_kid_at: float = float("-inf")  # last fetch an unknown key id caused


_cache = _KeySet()
# One fetch at a time per event loop: requests that arrive while it runs wait for it and
# use its keys (before, they were answered 503 as if it had failed).
_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}


def _lock() -> asyncio.Lock:
    return _locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())


def reset() -> None:
    """Forget the keys (tests; a new issuer)."""
    global _cache
    _cache = _KeySet()


async def _get_json(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    res = await client.get(url, headers={"Accept": "application/json"})
    res.raise_for_status()
    doc = res.json()
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    return doc


def _usable(jwks: dict[str, Any]) -> dict[str | None, jwt.PyJWK]:
    keys: dict[str | None, jwt.PyJWK] = {}
    for data in jwks.get("keys") or []:
        if not isinstance(data, dict) or data.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK(data)
        except jwt.PyJWKError:
            continue  # a key type or algorithm this service does not take
        if key.algorithm_name in ASYMMETRIC:
            keys[data.get("kid")] = key
    return keys


async def _fetch(settings: Settings, now: float) -> None:
    """Fetch the keys, unless another request fetched them while this one waited."""
    async with _lock():
        if _cache.fetched_at is not None and _cache.fetched_at >= now:
            return  # fetched meanwhile: its keys are the ones to use
        await _fetch_now(settings, clock.now().timestamp())


async def _fetch_now(settings: Settings, now: float) -> None:
    # Imported here: a function whose tokens API Gateway verified never fetches keys.
    import httpx

    issuer = settings.auth_oidc_issuer
    assert issuer is not None
    cache = _cache
    if cache.failed and now - cache.tried_at < FAILURE_HOLD_SECONDS:
        raise IssuerUnavailable()
    cache.tried_at, cache.failed = now, True
    # A fetch happens once per container and on rotation: a client kept for it would sit
    # idle (and be bound to an event loop), so each fetch opens its own.
    timeout = httpx.Timeout(settings.auth_jwks_timeout_seconds)
    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
            if cache.jwks_uri is None or cache.issuer != issuer:
                doc = await _get_json(client, issuer.rstrip("/") + DISCOVERY_PATH)
                if doc.get("issuer") != issuer or not isinstance(doc.get("jwks_uri"), str):
                    raise ValueError("the discovery document names another issuer")
                cache.issuer, cache.jwks_uri = issuer, doc["jwks_uri"]
            keys = _usable(await _get_json(client, cache.jwks_uri))
    except (httpx.HTTPError, ValueError) as exc:
        raise IssuerUnavailable() from exc
    cache.keys, cache.fetched_at, cache.failed = keys, now, False


def _pick(kid: Any) -> jwt.PyJWK | None:
    keys = _cache.keys
    if kid is None:
        # No key id: only unambiguous when the issuer has a single key.
        return next(iter(keys.values())) if len(keys) == 1 else None
    return keys.get(kid) if isinstance(kid, str) else None


async def signing_key(settings: Settings, kid: Any) -> jwt.PyJWK:
    """The issuer's key `kid`; InvalidToken if it has none such, IssuerUnavailable if its
    keys cannot be fetched."""
    now = clock.now().timestamp()
    cache = _cache
    if (
        cache.fetched_at is None
        or cache.issuer != settings.auth_oidc_issuer
        or now - cache.fetched_at >= settings.auth_jwks_max_age_seconds
    ):
        await _fetch(settings, now)
    key = _pick(kid)
    if key is None and now - _cache.unknown_kid_at >= settings.auth_jwks_refetch_seconds:
        _cache.unknown_kid_at = now
        await _fetch(settings, now)  # the issuer may have rotated its keys
        key = _pick(kid)
    if key is None:
        raise InvalidToken("token is signed with a key the issuer does not publish")
    return key
