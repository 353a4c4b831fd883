"""SnapStart's hooks (functions/runtime/snapstart.py) as Lambda runs them: a fresh process
imports a function (its init), runs the before-snapshot hooks (Lambda then snapshots),
the after-restore hooks (a new container from the snapshot), then serves a real request.

The warm-up must leave a client with its HTTP session made on the loop Mangum serves on,
with no connection open (a snapshot's sockets are dead after a restore), be nobody's
request in the logs, write nothing; the restore must reseed `random`; and the first real
request then answers, and is the process's cold start."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.support import api
from tests.support.flows import open_transfer
from tests.support.tokens import Tokens

CHILD = """
import asyncio, json, random, sys
from snapshot_restore_py import get_after_restore, get_before_snapshot
from functions import {module} as function
from functions.store.table import client
from tests.support.apigw import http_api_event, LambdaContext

for hook, args, kwargs in get_before_snapshot():
    hook(*args, **kwargs)
made = [loop for loop in client._clients]
on_mangums_loop = made == [asyncio.get_event_loop_policy().get_event_loop()]
(db, _), = client._clients.values()
(http,) = db._endpoint.http_session._sessions.values()
open_connections = sum(len(c) for c in http.connector._conns.values())
state = random.getstate()
print("SNAPSHOT", flush=True)
for hook, args, kwargs in get_after_restore():
    hook(*args, **kwargs)
reseeded = random.getstate() != state
event = http_api_event({method!r}, {path!r}, route_path={route!r}, body={body!r},
                       headers={{"authorization": "Bearer {token}"}})
answer = function.handler(event, LambdaContext())
print("RESULT " + json.dumps({{"made": len(made), "on_mangums_loop": on_mangums_loop,
      "open_connections": open_connections, "reseeded": reseeded,
      "status": answer["statusCode"], "body": answer["body"]}}), flush=True)
"""


def run_child(
    module: str, method: str, path: str, route: str, token: str, body: object = None
) -> tuple[dict, str]:  # type: ignore[type-arg]
    code = CHILD.format(
        module=module, method=method, path=path, route=route, token=token, body=body
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (result,) = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(result.removeprefix("RESULT ")), done.stdout


def access_lines(out: str) -> list[dict]:  # type: ignore[type-arg]
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("message") == "request"]


def test_a_restored_function_answers_its_first_request_with_fresh_clients(
    store_env: str, tokens: Tokens
) -> None:
    tid = open_transfer(tokens, "snap-call-1")
    got, out = run_child(
        "get_transfer",
        "GET",
        f"/transfers/{tid}",
        "/transfers/{transfer_id}",
        tokens.supervisor(),
    )
    assert got["made"] == 1 and got["on_mangums_loop"], "the warm-up made no client for Mangum"
    assert got["open_connections"] == 0, "a connection in the snapshot is dead after a restore"
    assert got["reseeded"], "every restored container would share one random sequence"
    assert got["status"] == 200 and json.loads(got["body"])["transfer_id"] == tid
    before, after = out.split("SNAPSHOT", 1)
    assert access_lines(before) == [], "the warm-up request was logged as someone's request"
    (line,) = access_lines(after)
    assert line["status"] == 200 and line["cold_start"] is True


def test_the_warm_up_of_a_post_function_writes_nothing(store_env: str, tokens: Tokens) -> None:
    """The warm-up of a POST app goes through Idempotency and the auth dependency with no
    credentials and is refused there: the only call stored is the real request's."""
    got, out = run_child(
        "create_call", "POST", "/calls", "/calls", tokens.service(), body={"call_id": "snap-2"}
    )
    assert got["status"] == 201, got
    assert api.get_call("snap-2", token=tokens.supervisor()).status == 200
    assert api.get_call("warm-up", token=tokens.supervisor()).status == 404
    before, after = out.split("SNAPSHOT", 1)
    assert access_lines(before) == []
    assert [line["status"] for line in access_lines(after)] == [201]
