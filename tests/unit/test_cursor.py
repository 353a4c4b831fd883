"""Cursors: opaque, signed, bound to their query."""

from __future__ import annotations

import base64
import json

import pytest

from functions.shared import cursor

KEY = {"pk": {"S": "TRANSFER#t1"}, "sk": {"S": "TRANSFER"}, "created_sk": {"S": "2026#t1"}}
SECRET = b"s3cret"


def test_round_trip() -> None:
    token = cursor.encode(KEY, "agent=bob|status=", SECRET)
    assert "TRANSFER#" not in token  # opaque to a casual reader, url-safe
    assert cursor.decode(token, "agent=bob|status=", SECRET) == KEY


def test_a_cursor_from_another_query_is_refused() -> None:
    token = cursor.encode(KEY, "agent=bob|status=", SECRET)
    with pytest.raises(cursor.CursorRefused):
        cursor.decode(token, "agent=eve|status=", SECRET)


def test_a_tampered_cursor_is_refused() -> None:
    token = cursor.encode(KEY, "q", SECRET)
    body, sig = token.split(".")
    forged = dict(KEY, pk={"S": "TRANSFER#other"})
    forged_body = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    for bad in (f"{forged_body}.{sig}", f"{body}.{sig[:-2]}AA", "garbage", "a.b.c", ""):
        with pytest.raises(cursor.CursorRefused):
            cursor.decode(bad, "q", SECRET)


def test_another_secret_is_refused() -> None:
    with pytest.raises(cursor.CursorRefused):
        cursor.decode(cursor.encode(KEY, "q", SECRET), "q", b"other")
