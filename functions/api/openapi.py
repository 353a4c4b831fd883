"""The OpenAPI document of each function app, made to say what the app does: errors are
application/problem+json (FastAPI documents its own 422 shape, which the app never sends),
and every POST takes an optional Idempotency-Key header."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from functions.api.problems import PROBLEM_MEDIA_TYPE

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; some problems add fields (errors, max_bytes, ...)",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message", "type"],
                "properties": {
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}
IDEMPOTENCY_KEY_PARAMETER: dict[str, Any] = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Repeat a POST with the same key and body to get the first answer again "
    "(header Idempotent-Replayed: true) without doing the work twice.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[ -~]+$"},
}
_PROBLEM_RESPONSE: dict[str, Any] = {
    "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
}


def document(app: FastAPI) -> None:
    """Replace the app's `openapi()` with one that rewrites FastAPI's document once."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            schemas["Problem"] = PROBLEM_SCHEMA
            for path_item in schema.get("paths", {}).values():
                for method, operation in path_item.items():
                    responses = operation.setdefault("responses", {})
                    if "422" in responses:
                        responses["422"] = {"description": "Validation error", **_PROBLEM_RESPONSE}
                    responses["default"] = {"description": "Error", **_PROBLEM_RESPONSE}
                    if method == "post":
                        operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
