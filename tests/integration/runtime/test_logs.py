"""Logs (Powertools Logger): JSON lines with the service, function, cold start, Lambda's
request id, the X-Ray trace id and the correlation id (API Gateway's request id), route,
status and latency, and never a token, transcript text, phone number or the Groq key. A
whole flow (good and bad requests, a Groq failure) runs with every logger captured, and
the output is scanned; a 500 logs its traceback in its JSON line, without the message."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from functions import (
    accept_transfer,
    ai_voice,
    append_turns,
    complete_transfer,
    create_call,
    get_call,
    get_transfer,
    health,
    initiate_transfer,
    list_transfers,
)
from tests.conftest import REGION, TABLE
from tests.support import api
from tests.support.apigw import LambdaContext, Response, invoke
from tests.support.fault_proxy import FaultProxy, fault_proxy
from tests.support.flows import open_transfer
from tests.support.groq_stub import GroqStub, error, groq_env, groq_stub
from tests.support.tokens import Tokens

__all__ = ["fault_proxy", "groq_env", "groq_stub"]
PHONE = "+1 415 555 0199"
SECRET_TEXT = [
    "my card ends in 4242 and my PIN is 8812",
    "I live at 12 Quiet Lane, Springfield",
    "please tell nobody about my divorce",
]


@pytest.fixture
def groq(store_env: str, groq_env: Callable[..., GroqStub]) -> GroqStub:
    return groq_env()


def run_flow(tokens: Tokens, groq: GroqStub) -> tuple[list[Response], list[str]]:
    """Every kind of request once; returns the responses and the tokens used."""
    svc, bob = tokens.service(), tokens.agent("bob")
    sent: list[Response] = []

    def call(handler: Any, method: str, path: str, **kw: Any) -> Response:
        res = invoke(handler, method, path, context=LambdaContext(), **kw)
        sent.append(res)
        return res

    caller = {"name": "Dana Reyes", "phone": PHONE}
    call(
        create_call.handler, "POST", "/calls", token=svc, body={"call_id": "c-1", "caller": caller}
    )
    turns = [{"speaker": "caller", "text": t} for t in SECRET_TEXT]
    for _ in range(2):  # the second is replayed
        call(
            append_turns.handler,
            "POST",
            "/calls/c-1/turns",
            token=svc,
            body={"turns": turns},
            headers={"Idempotency-Key": "turns-1"},
        )
    call(
        ai_voice.handler,
        "POST",
        "/ai-voice",
        token=svc,
        body={"call_id": "c-1", "text": SECRET_TEXT[0] + " call me on " + PHONE},
    )
    groq.queue("chat", error(500))  # the briefing falls back to the offline summariser
    made = call(
        initiate_transfer.handler,
        "POST",
        "/initiate-transfer",
        token=svc,
        body={"call_id": "c-1", "to_agent": "bob", "reason": SECRET_TEXT[1]},
    )
    assert made.status == 201 and made.json["briefing_provider"] == "offline"
    tid = made.json["transfer_id"]
    call(get_call.handler, "GET", "/calls/c-1", token=bob)
    call(accept_transfer.handler, "POST", f"/transfers/{tid}/accept", token=bob)
    call(complete_transfer.handler, "POST", f"/transfers/{tid}/complete", token=bob)
    call(list_transfers.handler, "GET", "/transfers", token=bob, query={"status": "completed"})
    # Bad requests: a validation error carrying transcript text, a forged token.
    call(
        append_turns.handler,
        "POST",
        "/calls/c-1/turns",
        token=svc,
        body={"turns": [{"speaker": "nobody", "text": SECRET_TEXT[2]}]},
    )
    forged = bob[:-6] + "AAAAAA"
    call(list_transfers.handler, "GET", "/transfers", token=forged)
    return sent, [svc, bob, forged]


def log_lines(stdout: str) -> list[dict[str, Any]]:
    """The JSON log lines (metrics' EMF lines, which carry `_aws`, left out)."""
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    return [line for line in lines if "_aws" not in line]


TRACE_ROOT = "1-67a0b1c2-0123456789abcdef01234567"


def test_logs_are_json_lines_that_carry_no_secrets(
    tokens: Tokens,
    groq: GroqStub,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What Lambda sets for each invocation when tracing is on.
    monkeypatch.setenv("_X_AMZN_TRACE_ID", f"Root={TRACE_ROOT};Parent=53995c3f42cd8ad8;Sampled=1")
    caplog.set_level(logging.DEBUG, logger="warm_transfer")
    caplog.set_level(logging.INFO)  # every other library at INFO, as a verbose Lambda
    invoke(health.handler, "GET", "/health", context=LambdaContext())  # this process's first
    capfd.readouterr()
    sent, used_tokens = run_flow(tokens, groq)
    out, err = capfd.readouterr()
    captured = out + err + caplog.text

    lines = log_lines(out)
    access = [line for line in lines if line["message"] == "request"]
    assert len(access) == len(sent)  # one line per request
    for line, res in zip(access, sent, strict=True):
        assert line["status"] == res.status
        assert line["service"] == "warm-transfer" and line["function"]
        assert isinstance(line["latency_ms"], float) and line["route"].startswith("/")
        # The correlation id is API Gateway's request id, which the client gets back.
        assert res.headers["x-request-id"] == line["correlation_id"]
        assert line["function_request_id"] not in ("", line["correlation_id"])
        assert line["function_name"] == "warm-transfer-dev-test"
        assert line["xray_trace_id"] == TRACE_ROOT
        assert line["cold_start"] is False  # the process had served a request before
    assert len({line["correlation_id"] for line in access}) == len(sent)
    assert [line["route"] for line in access][5:7] == [
        "/calls/{call_id}",
        "/transfers/{transfer_id}/accept",
    ]
    assert [line["replayed"] for line in access][1:3] == [False, True]
    # The Groq fallback was logged, as JSON, with the request it happened in.
    fallback = [line for line in lines if "fell back" in line["message"]]
    assert fallback and fallback[0]["correlation_id"] == access[4]["correlation_id"]

    forbidden = {
        "tokens": used_tokens + [t.split(".")[2] for t in used_tokens],
        "groq key": [groq.api_key],
        "phone": [PHONE, PHONE.replace(" ", ""), "555 0199", "5550199"],
        "transcript": SECRET_TEXT + [t[:20] for t in SECRET_TEXT],
    }
    for what, values in forbidden.items():
        for value in values:
            assert value not in captured, f"{what} found in the logs: {value!r}"


def test_a_500_logs_its_traceback_in_its_json_line_without_the_message(
    store_env: str, tokens: Tokens, capfd: pytest.CaptureFixture[str]
) -> None:
    tid = open_transfer(tokens, "c-corrupt")
    # A record damaged outside the service: its version holds text (which the traceback's
    # message would quote) where a number belongs, so reading it fails unexpectedly.
    db = boto3.client("dynamodb", endpoint_url=store_env, region_name=REGION)
    db.update_item(
        TableName=TABLE,
        Key={"pk": {"S": f"TRANSFER#{tid}"}, "sk": {"S": "TRANSFER"}},
        UpdateExpression="SET version = :v",
        ExpressionAttributeValues={":v": {"S": SECRET_TEXT[0]}},
    )
    capfd.readouterr()
    res = api.get_transfer(tid, token=tokens.supervisor())
    assert res.status == 500 and res.json["type"].endswith(":internal-error")
    out, err = capfd.readouterr()
    lines = log_lines(out)
    (failed,) = [line for line in lines if line["level"] == "ERROR"]
    assert failed["exception_name"] == "ValidationError"
    trace = failed["exception"]
    assert trace.startswith("Traceback (most recent call last):")
    assert "functions/services/transfers/__init__.py" in trace and trace.endswith("ValidationError")
    (access,) = [line for line in lines if line["message"] == "request"]
    assert access["status"] == 500
    assert failed["correlation_id"] == access["correlation_id"] == res.headers["x-request-id"]
    # Logged once, without the message (Mangum, had the error reached it, logs it whole).
    assert SECRET_TEXT[0] not in out + err and "8812" not in out + err
    assert "validation error for Transfer" not in out + err


COLD = """
import json, sys
from functions import health
from tests.support.apigw import LambdaContext, http_api_event
for _ in range(2):
    health.handler(http_api_event("GET", "/health"), LambdaContext())
"""


def test_only_the_first_request_of_a_process_is_a_cold_start() -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", COLD], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    access = [line for line in log_lines(done.stdout) if line["message"] == "request"]
    assert [line["cold_start"] for line in access] == [True, False]


def test_an_unhandled_error_is_one_json_line_with_its_request(
    tokens: Tokens,
    fault_proxy: FaultProxy,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A fault nothing maps (DynamoDB refusing access: a missing IAM permission) is a 500
    problem; its log line carries the request id and function, with the traceback inside
    the JSON line, and nothing else (no multi-line traceback) reaches the output."""
    caplog.set_level(logging.INFO)
    fault_proxy.fail("access_denied", operation="GetItem")
    context = LambdaContext()
    res = invoke(
        get_transfer.handler,
        "GET",
        "/transfers/t-1",
        token=tokens.supervisor(),
        route_path="/transfers/{transfer_id}",
        path_params={"transfer_id": "t-1"},
        context=context,
    )
    assert res.status == 500 and res.headers["content-type"] == "application/problem+json"
    assert res.json["type"].endswith(":internal-error")
    out, err = capfd.readouterr()
    assert err == ""
    # No library logged the exception (Lambda's root handler would print it over lines).
    assert [r.name for r in caplog.records if r.exc_info and r.name != "warm_transfer.access"] == []
    every = [json.loads(line) for line in out.splitlines()]  # every line is JSON
    lines = [line for line in every if "_aws" not in line]  # (EMF metric lines left out)
    (error,) = [line for line in lines if line["message"] == "unhandled error"]
    assert error["function_request_id"] == context.aws_request_id
    assert error["function"] == "get_transfer" and error["exception_name"] == "ClientError"
    assert "get_transfer" in error["exception"] and "\n" in error["exception"]
    assert "not authorized" not in error["exception"]  # frames, never the message
    access = [line for line in lines if line["message"] == "request"]
    assert [a["status"] for a in access] == [500], access
    assert access[0]["function_request_id"] == context.aws_request_id
