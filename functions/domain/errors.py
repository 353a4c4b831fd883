"""Domain errors. Each carries the HTTP status and title it maps to; the app factory
renders them as RFC 9457 problem+json. Raised by core, never built by handlers."""

from __future__ import annotations


class DomainError(Exception):
    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class BadRequest(DomainError):
    status, slug, title = 400, "bad-request", "Bad request"


class InvalidCursor(BadRequest):
    slug, title = "invalid-cursor", "Invalid cursor"


class Unauthorized(DomainError):
    status, slug, title = 401, "unauthorized", "Unauthorized"

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail, **extra)
        self.headers = {"WWW-Authenticate": 'Bearer realm="warm-transfer"'}


class InvalidToken(Unauthorized):
    """A bearer token was presented and refused (RFC 6750's error="invalid_token")."""

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail, **extra)
        self.headers = {"WWW-Authenticate": 'Bearer realm="warm-transfer", error="invalid_token"'}


class Forbidden(DomainError):
    status, slug, title = 403, "forbidden", "Forbidden"


class NotFound(DomainError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(DomainError):
    status, slug, title = 409, "conflict", "Conflict"


class IllegalTransition(Conflict):
    slug, title = "illegal-transition", "Illegal transition"


class TranscriptFull(Conflict):
    slug, title = "transcript-full", "Transcript is full"


class TooManyRequests(DomainError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class PayloadTooLarge(DomainError):
    status, slug, title = 413, "body-too-large", "Request body too large"


class UnsupportedMediaType(DomainError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class ServiceUnavailable(DomainError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"

    def __init__(self, detail: str, retry_after: int = 1, **extra: object) -> None:
        super().__init__(detail, **extra)
        self.headers = {"Retry-After": str(retry_after)}


# LiveKit (functions/livekit/rooms.py turns every SDK failure into one of these)
class LiveKitNotConfigured(DomainError):
    # No Retry-After: retrying does not help until an operator sets LIVEKIT_*.
    status, slug, title = 503, "livekit-not-configured", "LiveKit is not configured"


class CallErased(DomainError):
    # Gone for good on the caller's request (GDPR erasure): a retry never helps.
    status, slug, title = 410, "call-erased", "The call was erased"


class SipNotConfigured(DomainError):
    # As LiveKitNotConfigured: nothing to retry until an operator sets the trunk.
    status, slug, title = 503, "sip-not-configured", "Dialling out is not configured"


class LiveKitFailed(DomainError):
    status, slug, title = 502, "livekit-failed", "LiveKit request failed"


class LiveKitTimeout(LiveKitFailed):
    status, slug, title = 504, "livekit-timeout", "LiveKit did not answer in time"


class SpeechUnavailable(ServiceUnavailable):
    # /v0/ai-voice answers audio or nothing: never an empty or made-up file.
    slug, title = "speech-unavailable", "Speech is not available"


# Language (ai-voice input)
class InvalidAudio(DomainError):
    status, slug, title = 422, "invalid-audio", "Invalid audio"


class AudioTooLarge(DomainError):
    status, slug, title = 413, "audio-too-large", "Audio too large"
