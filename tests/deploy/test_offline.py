"""serverless-offline serves serverless.yml: a whole warm transfer over HTTP through it.

The Python handlers run in the project's virtualenv (serverless-offline starts them with
$VIRTUAL_ENV/bin/python3) and DynamoDB is a moto server. A recording relay between the
functions and moto notes which DynamoDB operations each function made, and the test
compares them with the IAM statements the packaged template gives that function: a
permission the code needs and lacks, or one it never uses, fails here rather than on AWS.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from functions.store.table.schema import schema
from infra import osls_offline, routes
from infra.local_stack import LocalDynamoDB, create_table
from tests.deploy.conftest import OFFLINE_CURSOR_SECRET, OFFLINE_JWT_SECRET, Packaged
from tests.deploy.flow import Reply, warm_transfer
from tests.support.fault_proxy import FaultProxy
from tests.support.tokens import Tokens

ROOT = Path(__file__).resolve().parents[2]
TABLE = "warm-transfer-offline"  # serverless.yml: ${self:service}-${sls:stage}
STARTUP_SECONDS = 90

# Granted actions the flow does not exercise, each with the code path that needs it.
UNEXERCISED = {
    ("get_transfer", "dynamodb:UpdateItem"): "expires an overdue transfer on read",
    ("v0_get_transfer", "dynamodb:UpdateItem"): "expires an overdue transfer on read",
}
# Routing's grants (serverless.yml custom.routingStatement and routingIndexStatement):
# offers, presence, a queue's line and timers on the paths of queued transfers, which this
# direct-transfer flow does not take; tests/integration/routing exercises them.
ROUTING_ACTIONS = {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem"}
ROUTING_ACTIONS |= {"dynamodb:Query"}


def _routed(function: str) -> bool:
    statements = routes.read_config()["functions"][function].get("iamRoleStatements") or []
    return "${self:custom.routingStatement}" in statements


class RecordingProxy(FaultProxy):
    """The tests' DynamoDB proxy, noting each operation and its request as it passes on."""

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        target = {k.lower(): v for k, v in headers.items()}.get("x-amz-target", "")
        self.calls.append((target.rpartition(".")[2], json.loads(body or b"{}")))
        return super().forward(method, path, headers, body)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def offline(moto_server: LocalDynamoDB) -> Iterator[tuple[str, RecordingProxy]]:
    """serverless-offline on 127.0.0.1 serving serverless.yml (stage offline)."""
    moto_server.reset()
    create_table(moto_server.endpoint_url, TABLE, "us-east-1")
    venv = Path(sys.prefix)  # the virtualenv running the tests: the handlers run in it too
    http_port, lambda_port, websocket_port = _free_port(), _free_port(), _free_port()
    relay = RecordingProxy(moto_server.endpoint_url).start()
    try:
        env = osls_offline.osls_env(
            moto_server.endpoint_url,
            {
                "VIRTUAL_ENV": str(venv),
                "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
                "DYNAMODB_ENDPOINT_URL": relay.url,
                "AUTH_JWT_SECRET": OFFLINE_JWT_SECRET,
                "CURSOR_SECRET": OFFLINE_CURSOR_SECRET,
                "PYTHONDONTWRITEBYTECODE": "1",
            },
        )
        for key in ("GROQ_API_KEY", "LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
            env.pop(key, None)
        server = subprocess.Popen(
            [
                *(str(osls_offline.OSLS), "offline", "start", "--stage", "offline"),
                *("--host", "127.0.0.1", "--httpPort", str(http_port)),
                *("--lambdaPort", str(lambda_port), "--noTimeout"),
                # The WebSocket API's routes get a server of their own (never 3001, shared).
                *("--websocketPort", str(websocket_port)),
                # The sweeper's DynamoDB calls would be counted against the function the
                # flow is calling when it fires: off here (tests/integration cover it).
                *("--param", "expirySweep=false"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its Python workers go with it at the end
        )
        log: list[str] = []
        reader = threading.Thread(target=lambda: log.extend(server.stdout or []), daemon=True)
        reader.start()
        base = f"http://127.0.0.1:{http_port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            # "Server ready" is printed by the WebSocket server too, which may come first:
            # wait until the HTTP port itself takes connections.
            while not _listening(http_port):
                assert server.poll() is None, "".join(log)
                assert time.monotonic() < deadline, "serverless-offline did not start:\n" + (
                    "".join(log)
                )
                time.sleep(0.2)
            yield base, relay
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
            reader.join(timeout=10)
    finally:
        relay.stop()


# A grant is (IAM action, "table" | "index", scope): scope "records" for the statement
# limited to idempotency records (dynamodb:LeadingKeys), "own" for the function's own.
Grant = tuple[str, str, str]
RECORDS_PREFIX = "IDEMPOTENCY#"


def _partition_keys(operation: str, body: dict[str, Any]) -> list[str]:
    pk = schema().hash_key
    if operation == "Query":  # the hash key's value is among the expression values
        values = body.get("ExpressionAttributeValues", {}).values()
        return [v["S"] for v in values if "S" in v and v["S"].startswith(RECORDS_PREFIX)] or [""]
    item = body.get("Key") or body.get("Item") or {}
    return [item.get(pk, {}).get("S", "")]


def _needed(operation: str, body: dict[str, Any]) -> set[Grant]:
    """The grants one DynamoDB request is authorised by."""
    if operation == "TransactWriteItems":
        names = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem"}
        names["ConditionCheck"] = "ConditionCheckItem"
        return {
            grant
            for entry in body["TransactItems"]
            for kind, part in entry.items()
            for grant in _needed(names[kind], part)
        }
    on = "index" if body.get("IndexName") else "table"
    scope = "records" if _partition_keys(operation, body)[0].startswith(RECORDS_PREFIX) else "own"
    return {(f"dynamodb:{operation}", on, scope)}


def _granted(packaged: Packaged, function: str) -> set[Grant]:
    (lambda_fn,) = (
        f
        for f in packaged.of_type("AWS::Lambda::Function").values()
        if f["Properties"]["FunctionName"] == f"{TABLE}-{function}"
    )
    role = packaged.resources[lambda_fn["Properties"]["Role"]["Fn::GetAtt"][0]]
    granted = set()
    for policy in role["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            leading = statement.get("Condition", {}).get("ForAllValues:StringLike", {})
            scope = "own"
            if leading:
                assert leading == {"dynamodb:LeadingKeys": [f"{RECORDS_PREFIX}*"]}, statement
                scope = "records"
            for action in actions if isinstance(actions, list) else [actions]:
                if action.startswith("dynamodb:"):
                    on = "index" if "Fn::Join" in statement["Resource"] else "table"
                    granted.add((action, on, scope))
    return granted


def test_a_warm_transfer_through_serverless_offline(
    offline: tuple[str, RecordingProxy], packaged: Packaged
) -> None:
    base, relay = offline
    declared = routes.load()
    used: dict[str, set[Grant]] = {}

    with httpx.Client(base_url=base, timeout=60) as http:

        def call(
            method: str,
            path: str,
            *,
            token: str | None = None,
            body: Any = None,
            query: Mapping[str, str] | None = None,
            key: str | None = None,
        ) -> Reply:
            (function,) = (
                r.function for r in declared if r.method == method and r.pattern.match(path)
            )
            relay.calls.clear()
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            if method == "POST":  # as a careful client does: every POST may be retried
                headers["Idempotency-Key"] = key or uuid.uuid4().hex
            res = http.request(method, path, json=body, params=query, headers=headers)
            for operation, sent in relay.calls:
                assert sent.get("TableName", TABLE) == TABLE or operation.startswith("Transact")
                used.setdefault(function, set()).update(_needed(operation, sent))
            return Reply(res.status_code, res.json())

        tokens = Tokens(OFFLINE_JWT_SECRET)
        warm_transfer(call, tokens)
        # The older API: free text instead of a call opens one (create_call's PutItem).
        legacy = call(
            "POST",
            "/initiate-transfer",
            token=tokens.service(),
            body={"call_context": "Caller asks about order ORD-5521.", "to_agent": "bob"},
        )
        assert legacy.status == 201, legacy
        voice = {"call_id": "v-1", "text": "Hi"}
        voiced = call("POST", "/ai-voice", token=tokens.service(), body=voice, key="voice-1")
        assert voiced.status == 200, voiced
        # A retry with the same key is answered from the record, with no second turn.
        again = call("POST", "/ai-voice", token=tokens.service(), body=voice, key="voice-1")
        assert again == voiced
        turns = call("GET", "/calls/v-1", token=tokens.service()).json["turns"]
        assert len(turns) == 2, turns
        # The older API under /v0 (no LiveKit here: the calls that need none).
        assert call("GET", "/v0/").json == {"message": "Warm Transfer API is running"}
        assert call("GET", "/v0/health").json["status"] == "healthy"
        context = {"call_context": "Caller asks about order ORD-5521."}
        made = call("POST", "/v0/initiate-transfer", token=tokens.service(), body=context)
        assert made.status == 200 and made.json["briefing_room_name"] is None, made
        record = call("GET", f"/v0/transfers/{made.json['id']}", token=tokens.service())
        assert record.json["call_context"] == context["call_context"], record
        listed = call("GET", "/v0/transfers", token=tokens.service(), query={"limit": "5"})
        assert made.json["id"] in [r["id"] for r in listed.json["transfers"]], listed

    # Functions the flow called (the others are held to the template checks alone).
    assert {"create_call", "append_turns", "initiate_transfer", "list_transfers"} <= set(used)
    assert {"v0_initiate_transfer", "v0_get_transfer", "v0_list_transfers"} <= set(used)
    for function, needed in used.items():
        granted = _granted(packaged, function)
        assert needed <= granted, f"{function} needs {needed - granted}"
        # The function's own grants are all used (the records' grant covers paths such as
        # releasing a key after an error, which a successful flow does not take).
        idle = {
            action
            for action, _, scope in granted - needed
            if scope == "own"
            and (function, action) not in UNEXERCISED
            and not (_routed(function) and action in ROUTING_ACTIONS)
        }
        assert not idle, f"{function} is granted {idle} and never uses it"
