"""The local server over real HTTP: routes from serverless.yml, a whole flow, errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from infra import routes
from tests.support.local_server import serve_locally
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with serve_locally() as url, httpx.Client(base_url=url, timeout=10) as client:
        yield client


def test_every_route_of_serverless_yml_is_its_function_apps_route() -> None:
    table = routes.load()
    assert len({(r.method, r.path) for r in table}) == len(table)
    for route in table:
        app_routes = {
            # FastAPI spells API Gateway's greedy {proxy+} as {proxy:path}.
            (method, re.sub(r"\{(\w+):path\}", r"{\1+}", r.path))
            for r in route.load_app().routes
            for method in getattr(r, "methods", ())
            if r.path not in ("/openapi.json",)
        }
        assert (route.method, route.path) in app_routes, route


def test_a_whole_flow_over_http(api: httpx.Client, tokens: Tokens) -> None:
    svc = {"Authorization": f"Bearer {tokens.service()}"}
    bob = {"Authorization": f"Bearer {tokens.agent('bob')}"}
    assert api.get("/health").json()["status"] == "ok"
    assert api.post("/calls", json={"call_id": "h1"}, headers=svc).status_code == 201
    turns = {"turns": [{"speaker": "caller", "text": "My order ORD-77 never arrived."}]}
    assert api.post("/calls/h1/turns", json=turns, headers=svc).json()["last_seq"] == 1
    made = api.post("/initiate-transfer", json={"call_id": "h1", "to_agent": "bob"}, headers=svc)
    assert made.status_code == 201
    tid = made.json()["transfer_id"]
    assert api.post(f"/transfers/{tid}/accept", headers=bob).json()["status"] == "accepted"
    assert api.post(f"/transfers/{tid}/complete", headers=bob).json()["status"] == "completed"
    listed = api.get("/transfers", headers=bob).json()
    assert [(t["transfer_id"], t["status"]) for t in listed["items"]] == [(tid, "completed")]


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/nowhere", None, 404),
        ("DELETE", "/calls", None, 405),
        ("POST", "/calls", {"call_id": 7}, 422),
        ("POST", "/calls", "[", 422),
        ("GET", "/transfers?limit=0", None, 422),
        ("GET", "/transfers?status=lost", None, 422),
        ("GET", "/transfers?cursor=abc", None, 400),
        ("POST", "/transfers/x/accept", None, 403),
        ("GET", "/calls/bad%20id", None, 422),
    ],
)
def test_bad_requests_get_problem_json(
    api: httpx.Client, tokens: Tokens, method: str, path: str, body: object, status: int
) -> None:
    token = tokens.service() if path.startswith("/calls") else tokens.supervisor()
    headers = {"Authorization": f"Bearer {token}", "content-type": "application/json"}
    content = body if isinstance(body, str) else None
    res = api.request(
        method,
        path,
        headers=headers,
        content=content,
        json=None if content is not None or body is None else body,
    )
    assert res.status_code == status, res.text
    assert res.headers["content-type"] == "application/problem+json"
    assert res.json()["status"] == status


def test_openapi_document_covers_every_route(api: httpx.Client) -> None:
    doc = api.get("/openapi.json").json()
    for route in routes.load():
        if route.function == "serve_console":
            continue  # a web page's files, not API
        assert route.method.lower() in doc["paths"][route.path]


def test_a_form_encoded_body_as_curl_d_sends_is_415(api: httpx.Client, tokens: Tokens) -> None:
    headers = {
        "Authorization": f"Bearer {tokens.service()}",
        "content-type": "application/x-www-form-urlencoded",
    }
    res = api.post("/calls", content=b'{"call_id": "curl"}', headers=headers)
    assert res.status_code == 415
    assert res.headers["content-type"] == "application/problem+json"
    assert "Content-Type: application/json" in res.json()["detail"]


def test_a_method_the_path_lacks_is_405_naming_the_allowed_ones(api: httpx.Client) -> None:
    res = api.delete("/transfers/t1/accept")
    assert res.status_code == 405 and res.headers["allow"] == "POST"
    assert res.json()["type"] == "urn:warm-transfer:problem:method-not-allowed"
