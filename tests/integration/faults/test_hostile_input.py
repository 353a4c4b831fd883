"""Hostile input: oversized bodies, overlong strings, odd ids, smuggled fields, forged or
misused tokens, and agents reaching for other agents' transfers (BOLA)."""

from __future__ import annotations

import time
import warnings
from typing import Any

import jwt
import pytest

from functions import (
    accept_transfer,
    ai_voice,
    append_turns,
    complete_transfer,
    create_call,
    initiate_transfer,
    list_transfers,
)
from functions.shared.settings import get_settings
from tests.conftest import TEST_SECRET
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response, invoke
from tests.support.flows import open_transfer
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")
KIB = 1024


def problem(res: Response, status: int, slug: str | None = None) -> dict[str, Any]:
    assert res.status == status, res.body
    assert res.headers["content-type"] == PROBLEM
    body = dict(res.json)
    assert body["status"] == status
    if slug is not None:
        assert body["type"] == f"urn:warm-transfer:problem:{slug}", body
    return body


# ---- body size ------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_before_parsing_or_auth(tokens: Tokens) -> None:
    limit = get_settings().max_body_bytes
    assert limit == 256 * KIB
    # Not JSON, and no token: a 413 says nothing was read past the limit.
    junk = "x" * (limit + 1)
    res = api.open_call(junk, token=None)
    assert problem(res, 413, "body-too-large")["max_bytes"] == limit
    # Valid JSON over the limit, with a valid token, is refused the same way.
    big = {"call_id": "c-big", "metadata": {"note": "y" * 200}, "pad": "z" * limit}
    res = api.open_call(big, token=tokens.service())
    problem(res, 413, "body-too-large")
    # v1 (REST API) events too.
    res = api.open_call(junk, token=None, version=1)
    problem(res, 413, "body-too-large")


def test_a_body_at_the_limit_is_parsed(tokens: Tokens) -> None:
    limit = get_settings().max_body_bytes
    body = '{"call_id": "c-edge", "pad": "' + "p" * (limit - 40) + '"}'
    body = body.replace('"pad": "', '"pad": "' + "p" * (limit - len(body)))
    assert len(body) == limit
    res = api.open_call(body, token=tokens.service())
    problem(res, 422, "validation-error")  # read and parsed: refused for `pad`, not size


def test_the_limit_is_a_setting(tokens: Tokens, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_BODY_BYTES", "2048")
    get_settings.cache_clear()
    turns = [{"speaker": "caller", "text": "t" * 3000}]  # valid, but 3 KB
    res = api.add_turns("c-1", turns, token=tokens.service())
    assert problem(res, 413, "body-too-large")["max_bytes"] == 2048


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data", ""]
)
def test_a_body_not_declared_json_is_415_and_stores_nothing(
    tokens: Tokens, content_type: str
) -> None:
    body = {"call_id": "c-typed"}
    res = api.open_call(body, token=tokens.service(), headers={"content-type": content_type})
    assert "application/json" in problem(res, 415, "unsupported-media-type")["detail"]
    assert api.get_call("c-typed", token=tokens.service()).status == 404


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "APPLICATION/JSON", "application/x+json"]
)
def test_json_media_types_with_parameters_are_read(tokens: Tokens, content_type: str) -> None:
    body = {"call_id": "c-typed"}
    res = api.open_call(body, token=tokens.service(), headers={"content-type": content_type})
    assert res.status == 201, res.body


def test_ai_voice_has_its_own_larger_limit(tokens: Tokens) -> None:
    settings = get_settings()
    assert settings.ai_voice_max_body_bytes > settings.max_body_bytes
    # Over the general limit, under the ai-voice one: read and parsed (422 for `pad`).
    raw = '{"pad": "' + "a" * (settings.max_body_bytes + KIB) + '"}'
    res = api.voice_turn(raw, token=tokens.service())
    problem(res, 422, "validation-error")
    over = "a" * (settings.ai_voice_max_body_bytes + 1)
    res = api.voice_turn(over, token=tokens.service())
    problem(res, 413, "body-too-large")


# ---- lengths, ids and unknown fields ---------------------------------------------------

LONG = "L" * 5000

OVERLONG = [
    (create_call, "/calls", {"caller": {"name": LONG[:201]}}, "body.caller.name"),
    (create_call, "/calls", {"caller": {"phone": "1" * 33}}, "body.caller.phone"),
    (create_call, "/calls", {"metadata": {"k": LONG[:201]}}, "body.metadata.k"),
    (create_call, "/calls", {"metadata": {f"k{i}": "v" for i in range(33)}}, "body.metadata"),
    (create_call, "/calls", {"call_id": "c" * 129}, "body.call_id"),
    (
        append_turns,
        "/calls/c-1/turns",
        {"turns": [{"speaker": "caller", "text": LONG[:4001]}]},
        "body.turns.0.text",
    ),
    (
        append_turns,
        "/calls/c-1/turns",
        {"turns": [{"speaker": "caller", "text": "hi"}] * 51},
        "body.turns",
    ),
    (
        initiate_transfer,
        "/initiate-transfer",
        {"call_id": "c-1", "to_agent": "bob", "reason": LONG[:1001]},
        "body.reason",
    ),
]


@pytest.mark.parametrize(("module", "path", "body", "field"), OVERLONG)
def test_strings_and_lists_have_max_lengths(
    tokens: Tokens, module: Any, path: str, body: dict[str, Any], field: str
) -> None:
    res = invoke(module.handler, "POST", path, body=body, token=tokens.service())
    errors = problem(res, 422, "validation-error")["errors"]
    assert field in [e["field"] for e in errors], errors
    assert LONG[:200] not in res.body  # the input is not echoed back


BAD_IDS = ["a#b", "x" * 129, "..", "-lead", "sp ace", "semi;colon", "quote'", "star*"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_have_a_strict_pattern_in_bodies_and_paths(tokens: Tokens, bad: str) -> None:
    svc = tokens.service()
    problem(api.open_call({"call_id": bad}, token=svc), 422, "validation-error")
    problem(api.initiate({"call_id": "c-1", "to_agent": bad}, token=svc), 422, "validation-error")
    res = api.get_transfer(bad, token=tokens.supervisor())
    assert res.status in (404, 422), res.body  # 404: no route for it at all ("..")
    assert res.headers["content-type"] == PROBLEM


SMUGGLED = [
    (create_call, "/calls", {"call_id": "c-9", "created_by": "someone-else"}, "body.created_by"),
    (create_call, "/calls", {"caller": {"name": "Dana", "vip": True}}, "body.caller.vip"),
    (
        initiate_transfer,
        "/initiate-transfer",
        {"call_id": "c-1", "to_agent": "bob", "status": "completed"},
        "body.status",
    ),
    (
        initiate_transfer,
        "/initiate-transfer",
        {"call_id": "c-1", "to_agent": "bob", "version": 99},
        "body.version",
    ),
    (
        append_turns,
        "/calls/c-1/turns",
        {"turns": [{"speaker": "caller", "text": "hi", "seq": 1}]},
        "body.turns.0.seq",
    ),
    (ai_voice, "/ai-voice", {"call_id": "c-1", "text": "hi", "model": "x"}, "body.model"),
]


@pytest.mark.parametrize(("module", "path", "body", "field"), SMUGGLED)
def test_unknown_fields_are_refused_on_writes(
    tokens: Tokens, module: Any, path: str, body: dict[str, Any], field: str
) -> None:
    res = invoke(module.handler, "POST", path, body=body, token=tokens.service())
    errors = problem(res, 422, "validation-error")["errors"]
    assert (field, "extra_forbidden") in [(e["field"], e["type"]) for e in errors], errors


@pytest.mark.parametrize(
    "query",
    [{"status": "deleted"}, {"limit": "1000"}, {"limit": "0"}, {"cursor": "c" * 3000}],
)
def test_list_query_parameters_are_checked(tokens: Tokens, query: dict[str, str]) -> None:
    problem(api.list_transfers(token=tokens.supervisor(), query=query), 422, "validation-error")


# ---- auth -----------------------------------------------------------------------------


def _claims(**changes: Any) -> dict[str, Any]:
    claims = {"sub": "bob", "role": "agent", "exp": int(time.time()) + 600}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _hs512(claims: dict[str, Any]) -> str:
    """The right secret under another algorithm (PyJWT warns the key is short for it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
        return jwt.encode(claims, TEST_SECRET, "HS512")


BAD_TOKENS = {
    "expired": jwt.encode(_claims(exp=int(time.time()) - 5), TEST_SECRET, "HS256"),
    "wrong-signature": jwt.encode(_claims(), "another-secret-0123456789abcdef-0123", "HS256"),
    "alg-none": jwt.encode(_claims(), None, "none"),
    "alg-hs512": _hs512(_claims()),
    "no-sub": jwt.encode(_claims(sub=None), TEST_SECRET, "HS256"),
    "no-role": jwt.encode(_claims(role=None), TEST_SECRET, "HS256"),
    "no-exp": jwt.encode(_claims(exp=None), TEST_SECRET, "HS256"),
    "unknown-role": jwt.encode(_claims(role="admin"), TEST_SECRET, "HS256"),
    "sub-not-an-id": jwt.encode(_claims(sub="bob#IDEMPOTENCY"), TEST_SECRET, "HS256"),
    "truncated": jwt.encode(_claims(), TEST_SECRET, "HS256")[:-4],
}


@pytest.mark.parametrize("name", sorted(BAD_TOKENS))
def test_bad_tokens_are_401_on_every_kind_of_route(tokens: Tokens, name: str) -> None:
    tid = open_transfer(tokens, "c-auth", "bob")
    token = BAD_TOKENS[name]
    calls = [
        api.list_transfers(token=token),
        api.get_transfer(tid, token=token),
        api.move("accept", tid, token=token, key="k-1"),
    ]
    for res in calls:
        problem(res, 401, "unauthorized")
        assert res.headers["www-authenticate"].startswith("Bearer")
    # Nothing moved.
    got = api.get_transfer(tid, token=tokens.supervisor())
    assert got.json["status"] == "initiated" and got.json["version"] == 1


@pytest.mark.parametrize(
    ("module", "method", "path", "role"),
    [
        (create_call, "POST", "/calls", "agent"),
        (create_call, "POST", "/calls", "supervisor"),
        (list_transfers, "GET", "/transfers", "service"),
        (accept_transfer, "POST", "/transfers/t-1/accept", "service"),
        (complete_transfer, "POST", "/transfers/t-1/complete", "supervisor"),
        (ai_voice, "POST", "/ai-voice", "agent"),
    ],
)
def test_wrong_role_is_403(tokens: Tokens, module: Any, method: str, path: str, role: str) -> None:
    token = tokens.mint("someone", role)
    res = invoke(module.handler, method, path, token=token, body={} if method == "POST" else None)
    problem(res, 403, "forbidden")


# ---- BOLA: one agent, another agent's transfers -------------------------------------------


def test_an_agent_cannot_read_move_or_list_another_agents_transfer(tokens: Tokens) -> None:
    bobs = open_transfer(tokens, "c-bob", "bob")
    alices = open_transfer(tokens, "c-alice", "alice")
    alice = tokens.agent("alice")

    problem(api.get_transfer(bobs, token=alice), 404, "not-found")
    for action in api.MOVES:
        res = api.move(action, bobs, token=alice)
        problem(res, 404, "not-found")  # as if it did not exist: ids leak nothing
    problem(api.get_call("c-bob", token=alice), 404, "not-found")

    # Her list holds only hers, whatever the filter.
    for query in ({}, {"status": "initiated"}, {"status": "initiated", "limit": "100"}):
        mine = api.list_transfers(token=alice, query=query)
        assert [t["transfer_id"] for t in mine.json["items"]] == [alices], query
    problem(api.list_transfers(token=alice, query={"agent": "bob"}), 403, "forbidden")

    # Bob's transfer is untouched.
    got = api.get_transfer(bobs, token=tokens.agent("bob"))
    assert got.json["status"] == "initiated" and got.json["version"] == 1


def test_an_agent_cannot_page_into_another_agents_list(tokens: Tokens) -> None:
    for n in range(3):
        open_transfer(tokens, f"c-{n}", "bob")
    open_transfer(tokens, "c-a", "alice")
    bob, alice = tokens.agent("bob"), tokens.agent("alice")
    page = api.list_transfers(token=bob, query={"limit": "1"})
    cursor = page.json["next_cursor"]
    assert cursor
    for query in (
        {"cursor": cursor},
        {"cursor": cursor, "limit": "1"},
        {"cursor": cursor, "status": "initiated"},
    ):
        problem(api.list_transfers(token=alice, query=query), 400, "invalid-cursor")
    # A supervisor's cursor over all transfers does not open them to an agent either.
    sup = api.list_transfers(token=tokens.supervisor(), query={"limit": "1"})
    res = api.list_transfers(token=alice, query={"cursor": sup.json["next_cursor"]})
    problem(res, 400, "invalid-cursor")


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "sup-1\n", "role": "supervisor"},  # `$` matches before a trailing newline
        {"sub": "sup-1", "role": "supervisor", "exp": "9999999999"},  # exp is a NumericDate
    ],
)
def test_a_subject_with_a_newline_or_a_non_numeric_exp_is_401(
    tokens: Tokens, claims: dict[str, Any]
) -> None:
    payload = {"exp": int(time.time()) + 600, **claims}
    token = jwt.encode(payload, tokens.secret, algorithm="HS256")
    res = api.list_transfers(token=token)
    assert res.status == 401 and res.headers["content-type"] == PROBLEM, res.body
