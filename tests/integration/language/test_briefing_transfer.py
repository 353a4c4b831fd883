"""POST /initiate-transfer with Groq working, failing in every way, or absent.

The real handler (genuine API Gateway v2 events), the real store (moto server over HTTP)
and the real AsyncGroq (against the Groq stub). Every failure ends in a stored transfer
with an offline briefing and the reason the fallback was used.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from typing import Any

import pytest

from functions.llm.client import get_groq
from tests.support import api
from tests.support.flows import open_call
from tests.support.groq_stub import (
    VALID_BRIEFING,
    Behaviour,
    GroqStub,
    error,
    garbage,
    hang,
    raw,
    reply,
    reply_json,
    slow,
)
from tests.support.tokens import Tokens

Env = Callable[..., GroqStub]
CALL = "call-lang-1"
TURNS = [
    {"speaker": "caller", "text": "Hi, my name is Dana Reyes. Order 4471 arrived broken."},
    {"speaker": "ai", "text": "I'm sorry. Can I have a number to call you back on?"},
    {"speaker": "caller", "text": "It's 415 555 0100. This is ridiculous, I want a person."},
]


def _transfer(tokens: Tokens) -> dict[str, Any]:
    """Start a transfer, then read it back as the receiving agent sees it."""
    open_call(tokens, CALL, TURNS)
    started = api.initiate(
        {"call_id": CALL, "to_agent": "bob", "reason": "damaged order"}, token=tokens.service()
    )
    assert started.status == 201, started.body
    tid = started.json["transfer_id"]
    stored = api.get_transfer(tid, token=tokens.agent("bob"))
    assert stored.status == 200, stored.body
    for key in ("briefing", "briefing_provider", "briefing_fallback_reason"):
        assert stored.json[key] == started.json[key]
    return stored.json


def _assert_offline(transfer: dict[str, Any], reason: str) -> None:
    assert transfer["briefing_provider"] == "offline"
    assert transfer["briefing_fallback_reason"].startswith(reason + ":")
    briefing = transfer["briefing"]
    # The offline summariser read this call, not the stub's canned answer.
    assert briefing["customer"]["name"] == "Dana Reyes"
    assert briefing["customer"]["account"] == "4471"
    assert briefing["customer"]["phone"] == "415 555 0100"
    assert briefing["sentiment"] == "upset"
    assert briefing["spoken"]


def test_groq_writes_the_briefing(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    stub = groq_env(GROQ_BRIEFING_MODEL="stub-briefing-model")
    transfer = _transfer(tokens)
    assert transfer["briefing_provider"] == "groq"
    assert transfer["briefing_fallback_reason"] is None
    assert transfer["briefing"]["headline"] == VALID_BRIEFING["headline"]
    (request,) = stub.received("chat")
    assert request.json["model"] == "stub-briefing-model"
    assert request.json["response_format"] == {"type": "json_object"}
    user = request.json["messages"][1]["content"]
    assert '"This is ridiculous, I want a person."' not in user  # quoted as a whole turn
    assert 'caller: "It\'s 415 555 0100. This is ridiculous, I want a person."' in user


def test_without_a_key_the_offline_summariser_writes_it(store_env: str, tokens: Tokens) -> None:
    _assert_offline(_transfer(tokens), "not_configured")


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (error(500), "upstream_error"),
        (error(503), "upstream_error"),
        (error(400, message="model decommissioned"), "request_rejected"),
        (garbage(), "invalid_json"),
        (reply("Here is your briefing: the caller is upset."), "invalid_json"),
        (reply_json({**VALID_BRIEFING, "sentiment": "furious"}), "invalid_output"),
        (reply_json({"summary": "wrong shape"}), "invalid_output"),
    ],
    ids=["500", "503", "400", "body-not-json", "content-not-json", "bad-enum", "wrong-shape"],
)
def test_groq_failure_falls_back(
    store_env: str, groq_env: Env, tokens: Tokens, behaviour: Behaviour, reason: str
) -> None:
    stub = groq_env()
    stub.always("chat", behaviour)
    _assert_offline(_transfer(tokens), reason)
    assert len(stub.received("chat")) == 1  # GROQ_MAX_RETRIES=0 in these tests


def test_rate_limit_is_retried_as_configured_then_falls_back(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env(GROQ_MAX_RETRIES="1")
    stub.always("chat", error(429, retry_after="1"))
    _assert_offline(_transfer(tokens), "rate_limited")
    assert len(stub.received("chat")) == 2  # the first try and one retry


def test_rate_limit_then_success_is_a_groq_briefing(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env(GROQ_MAX_RETRIES="1")
    stub.queue("chat", error(429, retry_after="1"))
    transfer = _transfer(tokens)
    assert transfer["briefing_provider"] == "groq"
    assert len(stub.received("chat")) == 2


def test_hang_past_the_timeout_falls_back(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    stub = groq_env(GROQ_TIMEOUT_SECONDS="0.3")
    stub.always("chat", hang())
    _assert_offline(_transfer(tokens), "timeout")


def test_slow_answer_past_the_budget_falls_back(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env(GROQ_TIMEOUT_SECONDS="10", GROQ_BRIEFING_BUDGET_SECONDS="0.3")
    stub.always("chat", slow(5))
    _assert_offline(_transfer(tokens), "budget_exceeded")


def test_connection_refused_falls_back(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    groq_env(GROQ_BASE_URL=f"http://127.0.0.1:{port}")
    _assert_offline(_transfer(tokens), "connection_error")


def test_wrong_key_falls_back(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    groq_env(GROQ_API_KEY="gsk_wrong")
    _assert_offline(_transfer(tokens), "request_rejected")


async def test_client_is_made_once_per_loop_with_settings(groq_env: Env) -> None:
    stub = groq_env(GROQ_TIMEOUT_SECONDS="2.5", GROQ_MAX_RETRIES="3")
    client = get_groq()
    assert get_groq() is client  # warm invocations reuse it
    assert client.max_retries == 3
    assert client.timeout.read == 2.5  # type: ignore[union-attr]
    assert str(client.base_url).startswith(stub.url)


@pytest.mark.parametrize(
    "body",
    [b"[]", b"null", b'"text"', b'{"choices": "none"}', b'{"choices": [{"message": 7}]}'],
    ids=["list", "null", "string", "choices-not-list", "message-not-object"],
)
def test_a_completion_of_the_wrong_shape_falls_back_with_a_documented_reason(
    store_env: str, groq_env: Env, tokens: Tokens, body: bytes
) -> None:
    """JSON, but not a chat completion: the SDK does not validate it, so the briefing code
    meets lists and nulls. The reason is one the README lists."""
    stub = groq_env()
    stub.always("chat", raw(body))
    _assert_offline(_transfer(tokens), "invalid_response")


def test_an_oversized_groq_body_is_cut_off_not_read(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    """A valid completion padded to 2 MB, with the cap at 256 KiB: the body is refused
    from its declared length, before it is read, and the briefing falls back."""
    stub = groq_env(GROQ_MAX_RESPONSE_BYTES=str(256 * 1024))
    padded = {"choices": [{"message": {"content": "x" * 2_000_000}}], "object": "chat.completion"}
    stub.always("chat", raw(json.dumps(padded).encode()))
    transfer = _transfer(tokens)
    _assert_offline(transfer, "invalid_response")
    assert "larger than 262144 bytes" in transfer["briefing_fallback_reason"]
