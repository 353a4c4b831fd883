"""Every bad request gets a clear problem+json answer with the right status."""

from __future__ import annotations

import time

import jwt
import pytest

from functions import append_turns, create_call, get_call, get_transfer, initiate_transfer
from tests.conftest import TEST_SECRET
from tests.support.apigw import invoke
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")
PROBLEM = "application/problem+json"


def assert_problem(res, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert res.status == status, res.body
    assert res.headers["content-type"] == PROBLEM
    body = res.json
    assert body["status"] == status and body["type"].startswith("urn:warm-transfer:problem:")
    assert body["title"] and body["detail"]
    return body


def test_missing_token_is_401_with_www_authenticate() -> None:
    res = invoke(create_call.handler, "POST", "/calls", body={})
    assert_problem(res, 401)
    assert res.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        jwt.encode({"sub": "s", "role": "service", "exp": int(time.time()) - 10}, TEST_SECRET),
        jwt.encode(
            {"sub": "s", "role": "service", "exp": int(time.time()) + 60}, "another-secret-" * 3
        ),
        jwt.encode({"sub": "s", "role": "service", "exp": int(time.time()) + 60}, None, "none"),
        jwt.encode({"sub": "s", "exp": int(time.time()) + 60}, TEST_SECRET),
        jwt.encode({"sub": "s", "role": "admin", "exp": int(time.time()) + 60}, TEST_SECRET),
    ],
    ids=["garbage", "expired", "wrong-secret", "alg-none", "no-role", "unknown-role"],
)
def test_bad_tokens_are_401(token: str) -> None:
    assert_problem(invoke(create_call.handler, "POST", "/calls", body={}, token=token), 401)


def test_wrong_role_is_403(tokens: Tokens) -> None:
    res = invoke(create_call.handler, "POST", "/calls", body={}, token=tokens.agent("bob"))
    assert_problem(res, 403)


def test_validation_errors_list_the_fields_without_echoing_input(tokens: Tokens) -> None:
    secret_text = "my card number is 4111"
    res = invoke(
        create_call.handler,
        "POST",
        "/calls",
        token=tokens.service(),
        body={"call_id": "bad id", "colour": secret_text},
    )
    body = assert_problem(res, 422)
    assert {e["field"] for e in body["errors"]} == {"body.call_id", "body.colour"}
    assert secret_text not in res.body


def test_malformed_json_is_422(tokens: Tokens) -> None:
    res = invoke(create_call.handler, "POST", "/calls", token=tokens.service(), body="{not json")
    assert_problem(res, 422)


def test_unknown_call_and_transfer_are_404(tokens: Tokens) -> None:
    svc = tokens.service()
    assert_problem(
        invoke(get_call.handler, "GET", "/calls/nope", token=svc, path_params={"call_id": "nope"}),
        404,
    )
    assert_problem(
        invoke(
            append_turns.handler,
            "POST",
            "/calls/nope/turns",
            token=svc,
            body={"turns": [{"speaker": "caller", "text": "hi"}]},
        ),
        404,
    )
    assert_problem(
        invoke(
            initiate_transfer.handler,
            "POST",
            "/initiate-transfer",
            token=svc,
            body={"call_id": "nope", "to_agent": "bob"},
        ),
        404,
    )
    assert_problem(
        invoke(get_transfer.handler, "GET", "/transfers/nope", token=tokens.supervisor()), 404
    )


def test_transfer_to_oneself_is_refused(tokens: Tokens) -> None:
    invoke(create_call.handler, "POST", "/calls", token=tokens.service(), body={"call_id": "c"})
    res = invoke(
        initiate_transfer.handler,
        "POST",
        "/initiate-transfer",
        token=tokens.agent("bob"),
        body={"call_id": "c", "to_agent": "bob"},
    )
    assert_problem(res, 409)


def test_auth_not_configured_is_503(monkeypatch: pytest.MonkeyPatch, tokens: Tokens) -> None:
    from functions.core.settings import get_settings

    monkeypatch.delenv("AUTH_JWT_SECRET")
    get_settings.cache_clear()
    assert_problem(invoke(create_call.handler, "POST", "/calls", token=tokens.service()), 503)
