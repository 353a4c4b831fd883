"""What the OpenAPI documents say that is not in the code's types: the Problem schema, the
parts of the API (tags), the headers, and the error sets handlers share for their `errors`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from functions.domain import errors as domain_errors
from functions.domain.errors import DomainError, ServiceUnavailable

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; some problems add fields (errors, max_bytes, ...)",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {
            "type": "string",
            "description": "What kind of problem: urn:warm-transfer:problem:<slug>",
            "examples": ["urn:warm-transfer:problem:not-found"],
        },
        "title": {
            "type": "string",
            "description": "The kind's title, the same for every problem of that type",
            "examples": ["Not found"],
        },
        "status": {
            "type": "integer",
            "description": "The HTTP status code of the answer",
            "examples": [404],
        },
        "detail": {
            "type": "string",
            "description": "What went wrong with this request, in words",
            "examples": ["transfer t-1 not found"],
        },
        "errors": {
            "type": "array",
            "description": "Validation errors (422 validation-error only), one per field",
            "items": {
                "type": "object",
                "required": ["field", "message", "type"],
                "properties": {
                    "field": {
                        "type": "string",
                        "description": "Where: body.<field>, query.<name>, path.<name>",
                        "examples": ["body.to_agent"],
                    },
                    "message": {
                        "type": "string",
                        "description": "What is wrong with it (the input is never echoed)",
                        "examples": ["Field required"],
                    },
                    "type": {
                        "type": "string",
                        "description": "pydantic's error type",
                        "examples": ["missing"],
                    },
                },
            },
        },
    },
}
# Part of the API -> (its tag's description, the path prefixes it holds); the order is the
# order of the reference.
TAGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "transfers": (
        "Warm transfers: start one with a briefing, list, read and move them along their "
        "lifecycle (initiated -> accepted -> completed, or cancelled / expired / abandoned)",
        ("/initiate-transfer", "/transfers"),
    ),
    "routing": (
        "Queues (members, strategy, offer timeout, overflow) and agents' presence: a transfer "
        "to a queue is offered to its free members, declined or run out, and moves on",
        ("/queues", "/agents"),
    ),
    "stats": (
        "KPIs (service level, time to accept and to connect, abandonment) from the counters "
        "the stream keeps; the transfers of a period as CSV is under transfers",
        ("/stats",),
    ),
    "calls": ("Calls and their transcripts, as the voice pipeline records them", ("/calls",)),
    "voice": ("The AI voice agent's turn: caller text or audio in, reply out", ("/ai-voice",)),
    "rooms": (
        "LiveKit: join tokens, rooms, who is in them, the AI agent in a room, its webhooks",
        ("/token", "/get-token", "/rooms", "/livekit"),
    ),
    "webhooks": ("Subscriptions to transfer events (Standard Webhooks)", ("/webhooks",)),
    "health": ("Liveness", ("/health",)),
    "v0": (
        "The older system's API, call for call, for older clients; it does not grow",
        ("/v0",),
    ),
}
REQUEST_ID = "X-Request-Id"
HEADERS: dict[str, Any] = {
    REQUEST_ID: {
        "description": "This request's id, as the logs carry it (API Gateway's request id "
        "when deployed): quote it when reporting a problem",
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same Idempotency-Key and body (the work was not done again)",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Retry-After": {
        "description": "Seconds to wait before retrying",
        "schema": {"type": "integer", "minimum": 0},
    },
    "WWW-Authenticate": {
        "description": 'The bearer challenge: `Bearer realm="warm-transfer"`, with '
        '`error="invalid_token"` when a token was sent and refused',
        "schema": {"type": "string"},
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
Errors = Mapping[type[DomainError], str]
# What handlers share, for their `errors`: the store (StoreUnavailable is answered as a
# ServiceUnavailable), LiveKit (functions/livekit turns every SDK failure into one of
# these), and who may act on a room (domain/rooms/access.py).
STORE: Errors = {ServiceUnavailable: "the data store is unavailable; retry after Retry-After"}
LIVEKIT: Errors = {
    domain_errors.LiveKitNotConfigured: "this deployment has no LiveKit (LIVEKIT_*)",
    domain_errors.LiveKitFailed: "LiveKit refused or failed the request "
    "(`livekit_code`, `livekit_status`)",
    domain_errors.LiveKitTimeout: "LiveKit did not answer in time",
}
ROOM_ACCESS: Errors = {
    domain_errors.BadRequest: "the room is a transfer's consult room and another transfer "
    "was named",
    domain_errors.Forbidden: "an agent acting on a room that is not of its transfers "
    "(or not yet, or no longer), or under another identity",
    domain_errors.NotFound: "the named transfer does not exist or does not name the agent",
}
