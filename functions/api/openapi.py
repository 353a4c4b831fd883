"""The OpenAPI document of each function app, made to say what the app does, for people
and for SDK generators:

- the operationId is the function's name (`get_transfer`, `v0_get_token`), its tag the
  part of the API it belongs to, its summary and description the handler module's
  docstring (`METHOD /path: summary. More.`) and the roles its auth dependency admits;
- errors are application/problem+json (FastAPI documents its own 422 shape, which the app
  never sends), one response per status the operation can answer: the ones every such
  operation shares (auth, body rules, validation, Idempotency-Key) and the ones its
  handler declares (`create_app(errors=...)`);
- headers: Idempotency-Key only where the middleware is installed, Idempotent-Replayed on
  its answers, X-Request-Id on every answer (access_log), WWW-Authenticate on a 401 and
  Retry-After where the error sends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from functions.api import problems
from functions.api.openapi_parts import (
    HEADERS,
    IDEMPOTENCY_KEY_PARAMETER,
    PROBLEM_SCHEMA,
    REQUEST_ID,
    STORE,
    TAGS,
)
from functions.api.problems import PROBLEM_MEDIA_TYPE
from functions.domain import errors as domain_errors
from functions.domain.errors import DomainError, ServiceUnavailable
from functions.identity.jwks import IssuerUnavailable

_PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class _Kind:
    """One kind of problem an operation can answer, and what it means there."""

    status: int
    slug: str
    title: str
    meaning: str
    retry_after: bool = False

    @classmethod
    def of(cls, error: type[DomainError], meaning: str) -> _Kind:
        retry = issubclass(error, ServiceUnavailable) or error.slug == "idempotency-key-in-progress"
        return cls(error.status, error.slug, error.title, meaning, retry)


def _shared_kinds(*, roles: bool, body: bool, inputs: bool, keyed: bool) -> list[_Kind]:
    """The problems any operation of that shape answers, whatever its handler does."""
    kinds = []
    if roles:
        kinds += [
            _Kind.of(domain_errors.Unauthorized, "no bearer token, or one that is refused"),
            _Kind.of(domain_errors.Forbidden, "the token's role may not use this operation"),
            _Kind.of(IssuerUnavailable, "the identity provider's keys could not be fetched (OIDC)"),
        ]
    if body:
        kinds += [
            _Kind.of(domain_errors.PayloadTooLarge, "the body is over the function's limit"),
            _Kind.of(domain_errors.UnsupportedMediaType, "the body is not declared JSON"),
        ]
    if inputs:
        validation = _Kind(
            422, problems.VALIDATION_SLUG, problems.VALIDATION_TITLE, "see `errors`: one a field"
        )
        kinds.append(validation)
    if keyed:
        # Imported only here: the middleware brings the store with it.
        from functions.api.middleware.idempotency import InvalidKey, KeyInFlight, KeyReused

        kinds += [
            _Kind.of(InvalidKey, "the key is not 1 to 128 printable ASCII characters"),
            _Kind.of(KeyInFlight, "a request with this key is still running; retry shortly"),
            _Kind.of(KeyReused, "this key was used with another request (method, path, body)"),
            *(_Kind.of(error, meaning) for error, meaning in STORE.items()),
        ]
    return kinds


_INTERNAL = _Kind(500, "internal-error", "Internal server error", "an unexpected error (logged)")


def _problem_responses(kinds: list[_Kind]) -> dict[str, Any]:
    by_status: dict[int, list[_Kind]] = {}
    for kind in [*kinds, _INTERNAL]:
        same = by_status.setdefault(kind.status, [])
        if all((k.slug, k.meaning) != (kind.slug, kind.meaning) for k in same):
            same.append(kind)
    responses = {}
    for status in sorted(by_status):
        listed = by_status[status]
        lines = "; ".join(f"`{k.slug}` ({k.title}): {k.meaning}" for k in listed)
        headers: dict[str, Any] = {REQUEST_ID: _header_ref(REQUEST_ID)}
        if status == 401:
            headers["WWW-Authenticate"] = _header_ref("WWW-Authenticate")
        if any(k.retry_after for k in listed):
            headers["Retry-After"] = _header_ref("Retry-After")
        responses[str(status)] = {
            "description": lines,
            "headers": headers,
            "content": _PROBLEM_CONTENT,
        }
    return responses


def _header_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


def tag_of(path: str) -> str:
    for tag, (_, prefixes) in TAGS.items():
        if any(path == p or path.startswith(f"{p}/") for p in prefixes):
            return tag
    raise ValueError(f"no tag for {path}: add its prefix to openapi_parts.TAGS")


_HEAD = re.compile(r"^(?P<method>[A-Z]+) (?P<path>/[^\s:?]*)[^:]*: (?P<rest>.*)$", re.DOTALL)


def summary_of(about: str) -> tuple[str, str, str, str]:
    """(method, path, summary, description) from a handler module's docstring
    `METHOD /path...: what it does. More sentences.\n\nMore paragraphs.`"""
    head = _HEAD.match(about.strip())
    if head is None:
        raise ValueError(f"a handler's docstring starts `METHOD /path: ...`, not {about!r}")
    paragraphs = [" ".join(p.split()) for p in head["rest"].split("\n\n")]
    text = "\n\n".join(p[:1].upper() + p[1:] for p in paragraphs if p)
    first = re.split(r"(?<=\.)\s", paragraphs[0], maxsplit=1)[0].rstrip(".")
    path = head["path"].split("?")[0]
    return head["method"], path, first[:1].upper() + first[1:], text


def _roles(route: APIRoute) -> list[str]:
    for dependency in route.dependant.dependencies:
        roles = getattr(dependency.call, "roles", None)
        if roles is not None:
            return sorted(str(r) for r in roles)
    return []


def _route(app: FastAPI, path: str, method: str) -> APIRoute:
    for route in app.routes:
        if (
            isinstance(route, APIRoute)
            and route.path_format == path
            and method.upper() in route.methods
            and route.include_in_schema
        ):
            return route
    raise LookupError(f"{method} {path} is in the document but not a route of the app")


def _describe(app: FastAPI, path: str, method: str, operation: dict[str, Any], keyed: bool) -> None:
    state = app.state
    route = _route(app, path, method)
    roles = _roles(route)
    operation["operationId"] = state.function_name
    operation["tags"] = [tag_of(path)]
    if state.about:
        said_method, said_path, summary, text = summary_of(state.about)
        if (said_method, said_path) != (method.upper(), path):
            raise ValueError(f"{state.function_name}'s docstring names {said_method} {said_path}")
        operation["summary"] = summary
        who = f"Roles: {', '.join(roles)}." if roles else "Public: no token needed."
        operation["description"] = f"{text}\n\n{who}"
    body = "requestBody" in operation
    kinds = _shared_kinds(
        roles=bool(roles),
        body=body,
        inputs=body or bool(operation.get("parameters")),
        keyed=keyed,
    )
    kinds += [_Kind.of(error, meaning) for error, meaning in state.errors.items()]
    responses = {
        code: answer
        for code, answer in operation.get("responses", {}).items()
        if code.startswith("2")
    }
    for answer in responses.values():
        headers = answer.setdefault("headers", {})
        headers[REQUEST_ID] = _header_ref(REQUEST_ID)
        if keyed:
            headers["Idempotent-Replayed"] = _header_ref("Idempotent-Replayed")
    responses.update(_problem_responses(kinds))
    operation["responses"] = responses
    if keyed:
        operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
    if not roles:
        operation.pop("security", None)


def document(app: FastAPI) -> None:
    """Replace the app's `openapi()` with one that rewrites FastAPI's document once.

    Reads app.state: function_name, about (the module's docstring), errors (the domain
    errors its handler raises, with what each means there) and idempotent."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            components = schema.setdefault("components", {})
            schemas = components.setdefault("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            schemas["Problem"] = PROBLEM_SCHEMA
            components["headers"] = HEADERS
            for path, path_item in schema.get("paths", {}).items():
                for method, operation in path_item.items():
                    if method in _HTTP_METHODS:
                        keyed = method == "post" and app.state.idempotent
                        _describe(app, path, method, operation, keyed)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
