"""Request body rules, applied before anything parses the body: an oversized body is a 413,
and a body that is not declared JSON is a 415 (every body this API takes is JSON; without
this, a form-encoded body, as `curl -d` sends, would fail as an opaque validation error)."""

from __future__ import annotations

from collections.abc import Callable
from email.message import Message

from functions.api import problems
from functions.api.middleware.asgi import (
    ASGIApp,
    BodyTooLarge,
    Receive,
    Scope,
    Send,
    header,
    read_body,
    replay,
)
from functions.domain.errors import PayloadTooLarge, UnsupportedMediaType
from functions.shared.settings import Settings, get_settings


def default_limit(settings: Settings) -> int:
    return settings.max_body_bytes


class BodyLimit:
    """ASGI middleware: refuse bodies over the function's limit (read per request, so
    settings changes apply), by Content-Length first and by counting as it arrives."""

    def __init__(self, app: ASGIApp, limit: Callable[[Settings], int] = default_limit) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(get_settings())
        declared = header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await problems.send_error(_too_large(limit), scope, receive, send)
            return
        try:
            body = await read_body(receive, limit)
        except BodyTooLarge:
            await problems.send_error(_too_large(limit), scope, receive, send)
            return
        if body and not is_json(header(scope, b"content-type")):
            not_json = UnsupportedMediaType(
                "request bodies are JSON: send Content-Type: application/json"
            )
            await problems.send_error(not_json, scope, receive, send)
            return
        await self.app(scope, replay(body, receive), send)


def is_json(content_type: str | None) -> bool:
    """application/json or any application/*+json, parameters allowed (as FastAPI reads it)."""
    if not content_type:
        return False
    parsed = Message()
    parsed["content-type"] = content_type
    subtype = parsed.get_content_subtype()
    return parsed.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"the request body is larger than {limit} bytes", max_bytes=limit)
