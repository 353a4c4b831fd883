"""GET /console/: the agent console's files over HTTP, with the headers that keep it safe
(a strict CSP, no inline script) and fresh (the page revalidates, hashed assets are kept)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from infra import console_build
from tests.support.local_server import serve_locally


@pytest.fixture(scope="module")
def dist() -> Path:
    return console_build.build()


@pytest.fixture
def site(store_env: str, dist: Path) -> Iterator[httpx.Client]:
    with serve_locally() as url, httpx.Client(base_url=url, timeout=10) as client:
        yield client


def _csp(response: httpx.Response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_the_page_is_html_with_a_strict_policy_and_no_inline_script(
    site: httpx.Client,
) -> None:
    page = site.get("/console/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"
    assert page.headers["x-content-type-options"] == "nosniff"
    csp = _csp(page)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    # Every script is a file of ours; no inline script, no other origin.
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all(body.strip() == "" for _, body in scripts)
    assert all(re.search(r'src="/console/assets/[\w-]+\.js"', attrs) for attrs, _ in scripts)
    assert " style=" not in page.text and "<style" not in page.text


def test_hashed_assets_are_immutable_and_typed(site: httpx.Client) -> None:
    page = site.get("/console/").text
    for url, kind in [
        (re.search(r'src="(/console/assets/app-[\w]+\.js)"', page), "text/javascript"),
        (re.search(r'href="(/console/assets/console-[\w]+\.css)"', page), "text/css"),
    ]:
        assert url is not None
        asset = site.get(url.group(1))
        assert asset.status_code == 200
        assert asset.headers["content-type"] == f"{kind}; charset=utf-8"
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        again = site.get(url.group(1), headers={"If-None-Match": asset.headers["etag"]})
        assert again.status_code == 304


def test_config_names_the_accept_timeout(site: httpx.Client) -> None:
    config = site.get("/console/config.json")
    assert config.status_code == 200
    assert config.json() == {
        "websocket_url": None,
        "accept_timeout_seconds": 300,
        "role_claim": "role",
        "subject_claim": "sub",
        "sign_in": None,  # no issuer: a pasted token only
    }


def test_livekit_and_a_websocket_elsewhere_are_allowed_origins(
    store_env: str, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    monkeypatch.setenv("LIVEKIT_URL", "wss://lk.example.test")
    monkeypatch.setenv("CONSOLE_WEBSOCKET_URL", "wss://ws.example.test/prod")
    get_settings.cache_clear()
    with serve_locally() as url, httpx.Client(base_url=url) as client:
        csp = _csp(client.get("/console/"))
        config = client.get("/console/config.json").json()
    assert csp["connect-src"] == [
        "'self'",
        "wss://ws.example.test",
        "https://ws.example.test",
        "wss://lk.example.test",
        "https://lk.example.test",
    ]
    assert config["websocket_url"] == "wss://ws.example.test/prod"


def test_with_an_issuer_and_a_client_the_page_signs_in_there(
    store_env: str, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    monkeypatch.setenv("AUTH_OIDC_ISSUER", "https://id.example.test/tenant-1")
    monkeypatch.setenv("AUTH_ROLE_CLAIM", "cognito:groups")
    monkeypatch.setenv("CONSOLE_OIDC_CLIENT_ID", "console-client")
    monkeypatch.setenv("CONSOLE_OIDC_RESOURCE", "https://api.example.test")
    get_settings.cache_clear()
    with serve_locally() as url, httpx.Client(base_url=url) as client:
        csp = _csp(client.get("/console/"))
        config = client.get("/console/config.json").json()
        # An issuer without a client id for the console: no sign-in there, nor its origin.
        monkeypatch.setenv("CONSOLE_OIDC_CLIENT_ID", "")
        get_settings.cache_clear()
        without = client.get("/console/config.json")
    # The page fetches the discovery document and exchanges the code there; the redirect to
    # the provider is a navigation (no form-action needed).
    assert csp["connect-src"] == ["'self'", "https://id.example.test"]
    assert csp["form-action"] == ["'none'"]
    assert config["role_claim"] == "cognito:groups"
    assert config["sign_in"] == {
        "issuer": "https://id.example.test/tenant-1",
        "client_id": "console-client",
        "scope": "openid",
        "resource": "https://api.example.test",
        "provider_name": "id.example.test",
    }
    assert without.json()["sign_in"] is None
    assert _csp(without)["connect-src"] == ["'self'"]


def test_without_a_slash_redirects_and_unknown_files_are_problems(site: httpx.Client) -> None:
    bare = site.get("/console")
    assert bare.status_code in (307, 308)
    assert bare.headers["location"].endswith("/console/")
    for path in ["/console/nope.js", "/console/..%2f..%2fserverless.yml", "/console/../README.md"]:
        missing = site.get(path)
        assert missing.status_code == 404, path
        assert missing.headers["content-type"] == "application/problem+json", path


def test_head_answers_the_page_headers_without_a_body(site: httpx.Client) -> None:
    page = site.get("/console/")
    head = site.head("/console/")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == page.headers["content-type"]
    assert head.headers["content-security-policy"] == page.headers["content-security-policy"]
