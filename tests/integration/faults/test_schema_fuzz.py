"""Fuzz the local server from its own merged OpenAPI document (schemathesis, bounded).

Every operation gets generated requests, valid and invalid, with a valid token of a role
the route admits (so the authenticated code runs, not only the 401). Whatever comes in:
no 5xx, every error is application/problem+json, and documented responses match their
schema. LiveKit is the local stub, Groq unset (the offline summariser), the store moto.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.generation import GenerationMode

from infra import routes
from infra.local_server import FunctionRouter
from tests.conftest import TEST_SECRET
from tests.support.livekit_stub import LiveKitStub, livekit
from tests.support.local_server import serve_locally
from tests.support.tokens import Tokens

__all__ = ["livekit"]
PROBLEM = "application/problem+json"
# The merged document, from the router's ASGI app as a client would fetch it.
schema = schemathesis.openapi.from_asgi("/openapi.json", FunctionRouter(routes.load()))
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

# Who may call what: a token of an admitted role, so requests pass auth.
ROLE = {
    ("POST", "/calls"): "service",
    ("GET", "/calls/{call_id}"): "service",
    ("POST", "/calls/{call_id}/turns"): "service",
    ("POST", "/ai-voice"): "service",
    ("POST", "/initiate-transfer"): "service",
    ("GET", "/transfers"): "supervisor",
    ("GET", "/transfers/{transfer_id}"): "supervisor",
    ("POST", "/transfers/{transfer_id}/accept"): "agent",
    ("POST", "/transfers/{transfer_id}/complete"): "agent",
    ("POST", "/transfers/{transfer_id}/cancel"): "agent",
    ("POST", "/token"): "service",
    ("GET", "/get-token"): "service",
    ("GET", "/rooms"): "supervisor",
    ("GET", "/rooms/{room}/participants"): "service",
    ("POST", "/rooms/{room}/agent"): "service",
    ("POST", "/rooms/{room}/agent/say"): "service",
    ("DELETE", "/rooms/{room}/agent"): "service",
    ("GET", "/v0/get-token"): "service",
    ("GET", "/v0/rooms"): "service",
    ("GET", "/v0/participants"): "service",
    ("POST", "/v0/initiate-transfer"): "service",
    ("POST", "/v0/complete-transfer"): "service",
    ("GET", "/v0/transfers"): "service",
    ("GET", "/v0/transfers/{transfer_id}"): "service",
    # Groq is unset here, so a valid prompt is a 503 by design (no speech, never a fake
    # WAV: tests/integration/v0/test_v0_api.py): an agent's token fuzzes auth and validation.
    ("POST", "/v0/ai-voice"): "agent",
    ("POST", "/v0/agent/start"): "service",
    ("POST", "/v0/agent/say"): "service",
    ("POST", "/v0/agent/stop"): "service",
}


@pytest.fixture
def server(livekit: LiveKitStub) -> Iterator[str]:
    """The local server on a port: one event loop, so one store client for the whole run."""
    with serve_locally() as url:
        # Something to find: a call with turns, and a transfer of it to agent "fuzzer".
        svc = {"Authorization": f"Bearer {Tokens(TEST_SECRET).service()}"}
        with httpx.Client(base_url=url, headers=svc, timeout=10) as client:
            assert client.post("/calls", json={"call_id": "c-1"}).status_code == 201
            turns = [{"speaker": "caller", "text": "I need help with order 12."}]
            client.post("/calls/c-1/turns", json={"turns": turns})
            made = client.post("/initiate-transfer", json={"call_id": "c-1", "to_agent": "fuzzer"})
            assert made.status_code == 201
        yield url


def problem_json_errors(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every error answers application/problem+json with type, title, status, detail."""
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        assert content_type.startswith(PROBLEM), (response.status_code, content_type)
        body = response.json()
        assert {"type", "title", "status", "detail"} <= set(body), body
        assert body["status"] == response.status_code
    return None


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gets_a_5xx_or_a_non_problem_error(case: Any, server: str) -> None:
    role = ROLE.get((case.method.upper(), case.path))
    headers = {}
    if role is not None:
        headers["Authorization"] = f"Bearer {Tokens(TEST_SECRET).mint('fuzzer', role)}"
    case.call_and_validate(
        base_url=server,
        headers=headers,
        checks=[not_a_server_error, response_schema_conformance, problem_json_errors],
    )
