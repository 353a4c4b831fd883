"""Opaque, signed pagination cursors.

A cursor is the store's resume key, bound to the query it came from (index and filters)
and signed with HMAC-SHA256, so a tampered cursor, or one taken from another agent's
list, is refused (400) instead of read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

_CONTEXT = b"warm-transfer/cursor/v1"


class CursorRefused(ValueError):
    """Malformed, tampered with, or of another query (the service answers 400)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, scope: str, payload: bytes) -> bytes:
    key = hmac.new(secret, _CONTEXT, hashlib.sha256).digest()  # a key for cursors only
    return hmac.new(key, scope.encode() + b"\0" + payload, hashlib.sha256).digest()[:16]


def encode(key: dict[str, Any], scope: str, secret: bytes) -> str:
    payload = json.dumps(key, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(payload)}.{_b64(_mac(secret, scope, payload))}"


def decode(token: str, scope: str, secret: bytes) -> dict[str, Any]:
    try:
        body, sig = token.split(".")
        payload = _unb64(body)
        valid = hmac.compare_digest(_unb64(sig), _mac(secret, scope, payload))
    except (ValueError, TypeError) as exc:
        raise CursorRefused("cursor is malformed") from exc
    if not valid:
        raise CursorRefused("cursor is not valid for this query")
    key = json.loads(payload)
    if not isinstance(key, dict):
        raise CursorRefused("cursor is malformed")
    return key
