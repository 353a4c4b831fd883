"""ASGI middleware: bound the request's store work by the Lambda's remaining time."""

from __future__ import annotations

from functions.api.middleware.asgi import ASGIApp, Receive, Scope, Send
from functions.shared import deadline
from functions.shared.settings import get_settings


class Deadline:
    """Outside the Idempotency-Key middleware, so a claim can still be released (inside
    the margin) after the route's own work ran out of time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = get_settings()
        remaining = getattr(scope.get("aws.context"), "get_remaining_time_in_millis", None)
        seconds = remaining() / 1000 if callable(remaining) else settings.request_budget_seconds
        with deadline.bounded(seconds, settings.request_margin_seconds):
            await self.app(scope, receive, send)
