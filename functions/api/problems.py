"""RFC 9457 problem+json rendering of every error the API returns."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from functions.domain.errors import DomainError, ServiceUnavailable
from functions.store.errors import StoreUnavailable

PROBLEM_MEDIA_TYPE = "application/problem+json"
# A request that fails validation (also named in the OpenAPI document).
VALIDATION_SLUG, VALIDATION_TITLE = "validation-error", "Request is not valid"
log = logging.getLogger("warm_transfer")


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {"type": f"urn:warm-transfer:problem:{slug}", "title": title, "status": status}
    body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


# Errors answered as a problem of their own (anything else is a 500): what middlewares
# that call the domain or the store catch.
ANSWERABLE = (DomainError, StoreUnavailable)


def _as_domain(exc: DomainError | StoreUnavailable) -> DomainError:
    if isinstance(exc, StoreUnavailable):
        return ServiceUnavailable(exc.detail, retry_after=exc.retry_after_seconds)
    return exc


def from_error(exc: DomainError | StoreUnavailable) -> JSONResponse:
    """The problem+json response for a domain error (or the store being unavailable: 503)."""
    err = _as_domain(exc)
    return problem(err.status, err.slug, err.title, err.detail, err.headers, **err.extra)


async def send_error(
    exc: DomainError | StoreUnavailable, scope: Any, receive: Any, send: Any
) -> None:
    """Answer an ASGI request with `exc` (middlewares, which run outside FastAPI's handlers)."""
    await from_error(exc)(scope, receive, send)


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ANSWERABLE)
    return from_error(exc)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    slug = phrase.lower().replace(" ", "-")
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    return problem(exc.status_code, slug, phrase, detail, dict(exc.headers or {}))


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Location and message only: never echo the input, which may be transcript text.
    return [
        {"field": ".".join(str(p) for p in err["loc"]), "message": err["msg"], "type": err["type"]}
        for err in exc.errors()
    ]


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    return problem(
        422,
        VALIDATION_SLUG,
        VALIDATION_TITLE,
        f"{len(errors)} field(s) failed validation",
        errors=errors,
    )


def internal_error() -> JSONResponse:
    return problem(500, "internal-error", "Internal server error", "an unexpected error occurred")


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    # Only reached by an error outside the access log middleware (which logs and answers
    # the rest itself, with the request id).
    log.error("unhandled error", exc_info=exc)
    return internal_error()


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(StoreUnavailable, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
