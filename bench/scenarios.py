"""What each function is asked in a benchmark: one genuine request per serverless.yml function.

A scenario names the caller (role, sub), the path parameters it fills from the seeded data
and the body. `seed` writes that data through the handlers themselves (so the bench never
restates the store's item layout), and `Snapshot` puts the table back to exactly that state
before every measured run, so each cold start meets the same items and makes the same calls.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infra.routes import Route

CALL_ID = "bench-call-1"
SECRET = "bench-secret-0123456789abcdef0123456789"
TABLE = "warm-transfer-bench"
REGION = "us-east-1"
# Functions whose work is a Groq call; the cold-start targets apply to the others.
CALLS_GROQ = frozenset({"initiate_transfer", "ai_voice"})
# Transfers open, hand off and close LiveKit rooms; the token and room functions call it.
CALLS_LIVEKIT = frozenset(
    {"initiate_transfer", "complete_transfer", "cancel_transfer", "create_token", "get_token"}
    | {"list_rooms"}
)
TURNS = [
    {"speaker": "caller", "text": "Hi, my order 4471 arrived with a cracked screen."},
    {"speaker": "agent", "text": "Sorry to hear that. Can I take your name?"},
    {"speaker": "caller", "text": "Dana Reyes. I want a refund, not a replacement."},
]


@dataclass(frozen=True)
class Scenario:
    method: str
    role: str
    sub: str
    body: Any = None
    params: Mapping[str, str] = field(default_factory=dict)  # path param -> seed key
    query: Mapping[str, str] = field(default_factory=dict)


SCENARIOS: dict[str, Scenario] = {
    "health": Scenario("GET", "", ""),
    "create_call": Scenario(
        "POST", "service", "voice-pipeline", {"caller": {"name": "Sam", "phone": "+1 555 0101"}}
    ),
    "get_call": Scenario("GET", "service", "voice-pipeline", params={"call_id": "call_id"}),
    "append_turns": Scenario(
        "POST",
        "service",
        "voice-pipeline",
        {"turns": [{"speaker": "caller", "text": "Are you still there?"}]},
        params={"call_id": "call_id"},
    ),
    "initiate_transfer": Scenario(
        "POST",
        "service",
        "voice-pipeline",
        {"call_id": CALL_ID, "to_agent": "bob", "reason": "refund request"},
    ),
    "ai_voice": Scenario(
        "POST", "service", "voice-pipeline", {"call_id": CALL_ID, "text": "Is my refund coming?"}
    ),
    "list_transfers": Scenario("GET", "supervisor", "sup-1"),
    "get_transfer": Scenario("GET", "agent", "bob", params={"transfer_id": "t_get"}),
    "accept_transfer": Scenario("POST", "agent", "bob", params={"transfer_id": "t_accept"}),
    "complete_transfer": Scenario("POST", "agent", "bob", params={"transfer_id": "t_complete"}),
    "cancel_transfer": Scenario("POST", "agent", "bob", params={"transfer_id": "t_cancel"}),
    "create_token": Scenario("POST", "service", "voice-pipeline", {"room": "caller-room-1"}),
    "get_token": Scenario("GET", "service", "voice-pipeline", query={"room_name": "caller-room-1"}),
    "list_rooms": Scenario("GET", "supervisor", "sup-1"),
}


def token(scenario: Scenario) -> str | None:
    if not scenario.role:
        return None
    from tests.support.tokens import Tokens

    return Tokens(SECRET).mint(scenario.sub, scenario.role, ttl=6 * 3600)


def event(route: Route, seeds: Mapping[str, str]) -> dict[str, Any]:
    """The API Gateway (HTTP API, payload 2.0) event for this function's scenario."""
    from tests.support.apigw import http_api_event

    scenario = SCENARIOS[route.function]
    values = {name: seeds[key] for name, key in scenario.params.items()}
    path = route.path.format(**values)
    bearer = token(scenario)
    return http_api_event(
        route.method,
        path,
        route_path=route.path,
        body=scenario.body,
        headers={"authorization": f"Bearer {bearer}"} if bearer else None,
        query=scenario.query or None,
        path_params=values or None,
    )


def service_env(moto: str, groq: Mapping[str, str], livekit: Mapping[str, str]) -> dict[str, str]:
    """The environment every function gets, as serverless.yml would give it on Lambda."""
    return {
        "DYNAMODB_ENDPOINT_URL": moto,
        "TABLE_NAME": TABLE,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AUTH_JWT_SECRET": SECRET,
        "CURSOR_SECRET": "bench-cursor-secret",
        # A bench outlives the default accept timeout: seeded transfers must not expire.
        "TRANSFER_ACCEPT_TIMEOUT_SECONDS": "86400",
        "GROQ_API_KEY": groq["api_key"],
        "GROQ_BASE_URL": groq["url"],
        "GROQ_MAX_RETRIES": "0",
        "LIVEKIT_URL": livekit["url"],
        "LIVEKIT_API_KEY": livekit["key"],
        "LIVEKIT_API_SECRET": livekit["secret"],
    }


def _invoke(module: str, method: str, path: str, role: str, sub: str, **kw: Any) -> Any:
    import importlib

    from tests.support.apigw import invoke

    handler = importlib.import_module(f"functions.{module}").handler
    bearer = token(Scenario(method, role, sub))
    got = invoke(handler, method, path, token=bearer, **kw)
    if got.status >= 300:
        raise RuntimeError(f"seeding {method} {path} answered {got.status}: {got.body[:300]}")
    return got.json


def seed(env: Mapping[str, str]) -> dict[str, str]:
    """Create the table, a call with turns and one transfer per lifecycle scenario."""
    from functions.shared.settings import get_settings
    from functions.store.table import client as dynamodb
    from infra.local_stack import create_table, reset

    os.environ.update(env)
    os.environ["LOG_LEVEL"] = "WARNING"  # this process only: no access log lines in the report
    get_settings.cache_clear()
    dynamodb.reset()
    reset(env["DYNAMODB_ENDPOINT_URL"])
    create_table(env["DYNAMODB_ENDPOINT_URL"], TABLE, REGION)
    svc = ("service", "voice-pipeline")
    _invoke("create_call", "POST", "/calls", *svc, body={"call_id": CALL_ID})
    path = f"/calls/{CALL_ID}/turns"
    _invoke("append_turns", "POST", path, *svc, body={"turns": TURNS})
    seeds = {"call_id": CALL_ID}
    for key in ("t_get", "t_accept", "t_complete", "t_cancel"):
        body = {"call_id": CALL_ID, "to_agent": "bob", "reason": "refund request"}
        made = _invoke("initiate_transfer", "POST", "/initiate-transfer", *svc, body=body)
        seeds[key] = made["transfer_id"]
    accept = f"/transfers/{seeds['t_complete']}/accept"
    _invoke("accept_transfer", "POST", accept, "agent", "bob")
    dynamodb.reset()
    return seeds


class Snapshot:
    """The seeded table's items; `restore` puts the table back to exactly them."""

    def __init__(self, endpoint: str) -> None:
        import boto3

        self.endpoint = endpoint
        self._db = boto3.client(
            "dynamodb",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )
        self.items = self._db.scan(TableName=TABLE, ConsistentRead=True)["Items"]

    def restore(self) -> None:
        from infra.local_stack import create_table, reset

        reset(self.endpoint)
        create_table(self.endpoint, TABLE, REGION)
        for start in range(0, len(self.items), 25):
            chunk = self.items[start : start + 25]
            requests = [{"PutRequest": {"Item": item}} for item in chunk]
            self._db.batch_write_item(RequestItems={TABLE: requests})
