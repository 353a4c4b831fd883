"""The process's AsyncGroq client, and how its failures are named.

`groq` is imported here lazily, on the first call that needs it: functions that never
call Groq (and runs without GROQ_API_KEY) never pay for importing the SDK.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

import pydantic

from functions.shared import metrics
from functions.shared.settings import Settings, get_settings

if TYPE_CHECKING:
    from groq import AsyncGroq

T = TypeVar("T")

# (event loop, settings object, client). Mangum keeps one loop per container, so warm
# invocations reuse the client; a new loop (or new settings in tests) gets a new one,
# because httpx connection pools are bound to the loop that opened them.
_cached: tuple[asyncio.AbstractEventLoop, Settings, AsyncGroq] | None = None


class GroqUnavailable(Exception):
    """A Groq call did not give a usable answer. `reason` is a short stable slug stored
    with the record (e.g. on a transfer as `briefing_fallback_reason`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def summary(self) -> str:
        # Bounded: it is stored on records and returned to clients.
        return str(self)[:300]


def not_configured() -> GroqUnavailable:
    return GroqUnavailable("not_configured", "GROQ_API_KEY is not set")


def groq_configured(settings: Settings | None = None) -> bool:
    settings = settings or get_settings()
    return settings.groq_api_key is not None and bool(settings.groq_api_key.get_secret_value())


def get_groq() -> AsyncGroq:
    """The AsyncGroq client for the running loop; raises GroqUnavailable("not_configured")
    when no key is set. Must be called from inside a coroutine."""
    global _cached
    settings = get_settings()
    if not groq_configured(settings):
        raise not_configured()
    loop = asyncio.get_running_loop()
    if _cached is not None and _cached[0] is loop and _cached[1] is settings:
        return _cached[2]

    import httpx
    from groq import AsyncGroq, DefaultAsyncHttpxClient

    from functions.llm.capped import CappedTransport

    assert settings.groq_api_key is not None  # checked by groq_configured
    client = AsyncGroq(
        api_key=settings.groq_api_key.get_secret_value(),
        # Explicit, so the SDK never falls back to reading the environment itself.
        base_url=settings.groq_base_url,
        timeout=httpx.Timeout(
            settings.groq_timeout_seconds, connect=min(settings.groq_timeout_seconds, 3.0)
        ),
        max_retries=settings.groq_max_retries,
        # The SDK's own pool settings, with a transport that caps what a response may cost.
        http_client=DefaultAsyncHttpxClient(
            transport=CappedTransport(httpx.AsyncHTTPTransport(), settings.groq_max_response_bytes)
        ),
    )
    _cached = (loop, settings, client)
    return client


async def prepare() -> None:
    """Make this loop's client (SDK imported, TLS context loaded) and its chat resource,
    without a request: SnapStart's warm-up (functions/runtime/snapstart.py). No key: nothing."""
    if groq_configured():
        get_groq().chat.completions  # noqa: B018 - the SDK loads its resources on first access


async def call_groq(request: Callable[[AsyncGroq], Awaitable[T]], budget_seconds: float) -> T:
    """Run one Groq request within a wall-clock budget. The SDK bounds each attempt
    (timeout, max_retries); the budget bounds all attempts and retry sleeps together.
    Every failure leaves as GroqUnavailable."""
    client = get_groq()
    started = time.perf_counter()
    try:
        async with asyncio.timeout(budget_seconds):
            return await request(client)
    except Exception as exc:
        raise classify(exc) from exc
    finally:
        metrics.milliseconds(metrics.GROQ_LATENCY, (time.perf_counter() - started) * 1000)


PROVIDER_GROQ = "groq"
PROVIDER_OFFLINE = "offline"


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an LLM feature produced, who produced it, and why not Groq (when offline)."""

    value: T
    provider: str  # PROVIDER_GROQ or PROVIDER_OFFLINE
    failure: GroqUnavailable | None = None

    @property
    def fallback_reason(self) -> str | None:
        return self.failure.summary if self.failure is not None else None


async def groq_or_offline(
    online: Callable[[], Awaitable[T]],
    offline: Callable[[], T],
    failure: GroqUnavailable | None = None,
) -> Outcome[T]:
    """The one pattern of every LLM feature: Groq when it is configured and nothing has
    failed yet (`failure`: an earlier step's), else the offline answer, with the reason."""
    if failure is None and not groq_configured():
        failure = not_configured()
    if failure is None:
        try:
            return Outcome(await online(), PROVIDER_GROQ)
        except GroqUnavailable as exc:
            failure = exc
    return Outcome(offline(), PROVIDER_OFFLINE, failure)


def reset_groq_client() -> None:
    """Forget the cached client (tests, after changing settings or between loops)."""
    global _cached
    _cached = None


def classify(exc: BaseException) -> GroqUnavailable:
    """Map whatever a Groq call raised to a GroqUnavailable with a stable reason."""
    if isinstance(exc, GroqUnavailable):
        return exc
    if isinstance(exc, TimeoutError):
        # asyncio.timeout around the whole call: the latency budget ran out.
        return GroqUnavailable("budget_exceeded", "latency budget ran out")
    if isinstance(exc, json.JSONDecodeError):
        return GroqUnavailable("invalid_json", exc.msg)
    if isinstance(exc, pydantic.ValidationError):
        return GroqUnavailable("invalid_output", f"{exc.error_count()} validation error(s)")
    groq = sys.modules.get("groq")  # never import the SDK just to name an error
    if groq is None:
        return GroqUnavailable("unexpected_error", type(exc).__name__)

    if isinstance(exc, groq.APITimeoutError):
        return GroqUnavailable("timeout", "request timed out")
    if isinstance(exc, groq.APIConnectionError):
        from functions.llm.capped import ResponseTooLarge

        if isinstance(exc.__cause__, ResponseTooLarge):
            return GroqUnavailable("invalid_response", str(exc.__cause__))
        return GroqUnavailable("connection_error", type(exc.__cause__ or exc).__name__)
    if isinstance(exc, groq.RateLimitError):
        return GroqUnavailable("rate_limited", "HTTP 429")
    if isinstance(exc, groq.APIStatusError):
        kind = "upstream_error" if exc.status_code >= 500 else "request_rejected"
        return GroqUnavailable(kind, f"HTTP {exc.status_code}")
    if isinstance(exc, groq.APIResponseValidationError | groq.APIError):
        return GroqUnavailable("invalid_response", type(exc).__name__)
    if isinstance(exc, AttributeError | TypeError | KeyError | IndexError | ValueError):
        # A 200 whose JSON is not the shape of a completion (the SDK does not validate it).
        return GroqUnavailable("invalid_response", type(exc).__name__)
    return GroqUnavailable("unexpected_error", type(exc).__name__)
