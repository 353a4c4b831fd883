"""A list's cursor read for a use case: a refused one is the client's 400 (InvalidCursor)."""

from __future__ import annotations

from typing import Any

from functions.domain.errors import InvalidCursor
from functions.shared import cursor


def read(token: str | None, scope: str, secret: bytes) -> dict[str, Any] | None:
    """The resume key in `token` (None without one), or InvalidCursor."""
    if not token:
        return None
    try:
        return cursor.decode(token, scope, secret)
    except cursor.CursorRefused as exc:
        raise InvalidCursor(str(exc)) from exc
