"""Every bad request gets a clear problem+json answer with the right status."""

from __future__ import annotations

import time

import jwt
import pytest

from tests.conftest import TEST_SECRET
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


def assert_problem(res, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert res.status == status, res.body
    assert res.headers["content-type"] == PROBLEM
    body = res.json
    assert body["status"] == status and body["type"].startswith("urn:warm-transfer:problem:")
    assert body["title"] and body["detail"]
    return body


def test_missing_token_is_401_with_www_authenticate() -> None:
    res = api.open_call({}, token=None)
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
    assert_problem(api.open_call({}, token=token), 401)


def test_wrong_role_is_403(tokens: Tokens) -> None:
    res = api.open_call({}, token=tokens.agent("bob"))
    assert_problem(res, 403)


def test_validation_errors_list_the_fields_without_echoing_input(tokens: Tokens) -> None:
    secret_text = "my card number is 4111"
    res = api.open_call({"call_id": "bad id", "colour": secret_text}, token=tokens.service())
    body = assert_problem(res, 422)
    assert {e["field"] for e in body["errors"]} == {"body.call_id", "body.colour"}
    assert secret_text not in res.body


def test_malformed_json_is_422(tokens: Tokens) -> None:
    res = api.open_call("{not json", token=tokens.service())
    assert_problem(res, 422)


def test_unknown_call_and_transfer_are_404(tokens: Tokens) -> None:
    svc = tokens.service()
    assert_problem(api.get_call("nope", token=svc), 404)
    assert_problem(api.add_turns("nope", [{"speaker": "caller", "text": "hi"}], token=svc), 404)
    assert_problem(api.initiate({"call_id": "nope", "to_agent": "bob"}, token=svc), 404)
    assert_problem(api.get_transfer("nope", token=tokens.supervisor()), 404)


def test_transfer_to_oneself_is_refused(tokens: Tokens) -> None:
    api.open_call({"call_id": "c"}, token=tokens.service())
    res = api.initiate({"call_id": "c", "to_agent": "bob"}, token=tokens.agent("bob"))
    assert_problem(res, 409)


def test_auth_not_configured_is_503(monkeypatch: pytest.MonkeyPatch, tokens: Tokens) -> None:
    from functions.shared.settings import get_settings

    monkeypatch.delenv("AUTH_JWT_SECRET")
    get_settings.cache_clear()
    assert_problem(api.open_call(None, token=tokens.service()), 503)
