"""The app factory every endpoint function uses: one FastAPI app per Lambda function."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.routing import APIRoute

from functions import __version__
from functions.api import openapi as api_schema
from functions.api import problems
from functions.api.middleware.access_log import AccessLog
from functions.api.middleware.body_limit import BodyLimit, default_limit
from functions.api.middleware.remaining_time import Deadline
from functions.api.openapi_parts import Errors
from functions.runtime import snapstart
from functions.shared import logs
from functions.shared.settings import Settings


def create_app(
    function_name: str,
    about: str | None = None,
    *,
    errors: Errors | None = None,
    max_body_bytes: Callable[[Settings], int] = default_limit,
    idempotent: bool = True,
    unstored_fields: frozenset[str] = frozenset(),
) -> FastAPI:
    """`max_body_bytes` picks the body limit from settings (read per request); the
    default is MAX_BODY_BYTES, and /ai-voice passes its own, larger one.
    `idempotent=False` is for apps with no POST worth remembering: GET-only ones (which then
    never load the store for it), and POSTs with no side effect whose answer is a secret
    that must not be stored (minting a join token); `unstored_fields` are response fields
    that an idempotent replay leaves out for the same reason.
    `about` (the handler module's docstring, `METHOD /path: summary. More.`) and `errors`
    (the domain errors its handler answers, with what each means there) describe the
    operation in the OpenAPI document (api/openapi.py)."""
    # No docs routes in Lambda: the local server publishes one merged OpenAPI document.
    app = FastAPI(
        title=f"warm-transfer {function_name}",
        version=__version__,
        docs_url=None,
        redoc_url=None,
    )
    problems.install(app)
    api_schema.document(app)
    app.state.function_name = function_name
    app.state.about = about
    app.state.errors = dict(errors or {})
    app.state.idempotent = idempotent
    # Outermost first: log every request, refuse oversized bodies before anything reads
    # them, set the store's deadline, then Idempotency-Key on POSTs, then the route.
    if idempotent:
        # Imported here, with the store under it: functions without it (/health) stay light.
        from functions.api.middleware.idempotency import Idempotency

        app.add_middleware(Idempotency, unstored_fields=unstored_fields, router=app.router)
    app.add_middleware(Deadline)  # outside Idempotency: a claim is released in the margin
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(AccessLog, function_name=function_name, router=app.router)
    logs.configure()
    snapstart.prepare(snapstart.warm_app(app, lambda: _first_route(app)))
    return app


def _first_route(app: FastAPI) -> tuple[str, str] | None:
    """The function's first route (method, path template), for SnapStart's warm-up."""
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    return (sorted(routes[0].methods)[0], routes[0].path) if routes else None
