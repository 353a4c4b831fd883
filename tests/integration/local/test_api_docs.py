"""The API reference at /docs of the local server (`make run`): Swagger UI from the files
we ship, on the served /openapi.json, under a CSP with no inline script; and in Chromium
it shows the API's operations without a console error."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from infra import api_docs
from tests.support.local_server import serve_locally

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.usefixtures("store_env")


@pytest.fixture(scope="module")
def built() -> Path:
    """build/api-docs from the current source (docs/build.mjs, as make run builds it)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "swagger-ui-dist").exists():
        pytest.skip("node and node_modules (npm ci) are needed to build /docs")
    subprocess.run([node, "docs/build.mjs"], cwd=ROOT, check=True, timeout=120)
    return api_docs.BUILT


@pytest.fixture
def api(built: Path) -> Iterator[httpx.Client]:
    with serve_locally() as url, httpx.Client(base_url=url, timeout=10) as client:
        yield client


def test_docs_is_a_page_whose_script_and_style_load_from_here(api: httpx.Client) -> None:
    assert api.get("/docs").headers["location"] == "/docs/"
    page = api.get("/docs/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    html = page.text
    assert "<script>" not in html  # no inline script: the CSP would refuse it
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert scripts == ["swagger-ui-bundle.js", "init.js"] and styles == ["swagger-ui.css"]
    for name in scripts + styles:
        asset = api.get(f"/docs/{name}")
        assert asset.status_code == 200, name
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        assert asset.headers["content-type"].startswith(kind), name
        assert "//" not in name
    # The page starts Swagger UI on the document this server serves.
    assert 'data-openapi="/openapi.json"' in html
    assert 'getAttribute("data-openapi")' in api.get("/docs/init.js").text
    assert api.get("/openapi.json").json()["info"]["title"] == "warm-transfer"


def test_docs_serves_only_its_built_files(api: httpx.Client) -> None:
    for path in ("/docs/../pyproject.toml", "/docs/%2e%2e/Makefile", "/docs/nothing.js"):
        res = api.get(path)
        assert res.status_code == 404, path
        assert res.headers["content-type"] == "application/problem+json"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_the_reference_renders_the_operations_in_chromium(built: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    problems: list[str] = []
    # Closed within the test: Playwright's sync loop must not outlive it (later tests run
    # Mangum handlers, which refuse a running loop).
    with serve_locally() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            outside: list[str] = []
            page.on(
                "request",
                lambda r: None if r.url.startswith((url, "data:")) else outside.append(r.url),
            )
            page.goto(f"{url}/docs/")
            expect(page.locator(".info .title")).to_contain_text("warm-transfer", timeout=20_000)
            get_transfer = page.locator("#operations-transfers-get_transfer")
            expect(get_transfer).to_contain_text("/transfers/{transfer_id}")
            get_transfer.locator(".opblock-summary-control").click()
            expect(get_transfer).to_contain_text("Roles: agent, service, supervisor.")
            expect(get_transfer).to_contain_text("not-found")
            screenshots = ROOT / "build" / "screenshots"
            screenshots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshots / "api-docs.png"), full_page=False)
        finally:
            browser.close()
    assert problems == []
    assert outside == []
