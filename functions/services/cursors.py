"""A list's cursor read for a use case: a refused one is the client's 400 (InvalidCursor)."""

from __future__ import annotations

from typing import Any

from functions.domain.errors import InvalidCursor, ServiceUnavailable
from functions.shared import cursor
from functions.shared.settings import get_settings


def read(token: str | None, scope: str, secret: bytes) -> dict[str, Any] | None:
    """The resume key in `token` (None without one), or InvalidCursor."""
    if not token:
        return None
    try:
        return cursor.decode(token, scope, secret)
    except cursor.CursorRefused as exc:
        raise InvalidCursor(str(exc)) from exc


def secret() -> bytes:
    """The cursors' key (CURSOR_SECRET): needed only when a list runs past one page."""
    key = get_settings().cursor_secret
    if key is None:
        raise ServiceUnavailable("paging is not configured (CURSOR_SECRET)")
    return key.get_secret_value().encode()
