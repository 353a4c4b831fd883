"""The whole API's OpenAPI document: docs/openapi.json is what the functions serve, and it
says what an SDK or a reader needs (names, roles, problems, headers) truthfully."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from functions.api.middleware.idempotency import Idempotency
from infra import openapi_doc, routes

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return openapi_doc.build()


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for p, item in doc["paths"].items() for m, op in item.items()]


def test_the_committed_document_is_what_the_functions_serve(doc: dict[str, Any]) -> None:
    committed = openapi_doc.DOCUMENT.read_text()
    assert committed == openapi_doc.render(doc), (
        "docs/openapi.json is out of date with the function apps: run `make openapi` "
        "(python -m infra.openapi_doc write) and commit it"
    )


def test_each_http_function_is_one_operation_named_for_it(doc: dict[str, Any]) -> None:
    table = [r for r in routes.load() if r.function != "serve_console"]
    named = {(r.method.lower(), r.path): r.function for r in table}
    assert {(m, p): op["operationId"] for m, p, op in _operations(doc)} == named
    tags = {t["name"] for t in doc["tags"]}
    for method, path, op in _operations(doc):
        assert op["summary"] and op["description"], (method, path)
        assert len(op["tags"]) == 1 and op["tags"][0] in tags, (method, path)
    assert doc["paths"]["/v0/get-token"]["get"]["tags"] == ["v0"]


def test_idempotency_key_is_offered_only_where_the_middleware_honours_it(
    doc: dict[str, Any],
) -> None:
    apps = {r.function: r.load_app() for r in routes.load()}
    for method, _, op in _operations(doc):
        app = apps[op["operationId"]]
        honoured = method == "post" and any(m.cls is Idempotency for m in app.user_middleware)
        params = {p["name"] for p in op.get("parameters", [])}
        assert ("Idempotency-Key" in params) is honoured, op["operationId"]
        replayed = "Idempotent-Replayed" in json.dumps(op["responses"])
        assert replayed is honoured, op["operationId"]
    # Minting a join token keeps nothing: its key would be ignored, so none is offered.
    assert "parameters" not in doc["paths"]["/token"]["post"]
    initiate = doc["paths"]["/initiate-transfer"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in initiate["parameters"]}


def test_security_problems_and_headers(doc: dict[str, Any]) -> None:
    scheme = doc["components"]["securitySchemes"]["HTTPBearer"]
    assert scheme == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": scheme["description"],
    }
    public = {op["operationId"] for _, _, op in _operations(doc) if "security" not in op}
    # Public: liveness, and LiveKit's webhooks (signed by LiveKit, no bearer token).
    assert public == {"health", "v0_root", "v0_health", "livekit_webhook"}
    for _, _, op in _operations(doc):
        responses = op["responses"]
        for status, answer in responses.items():
            assert "X-Request-Id" in answer["headers"], (op["operationId"], status)
            if not status.startswith("2"):
                assert list(answer["content"]) == ["application/problem+json"]
        if "security" in op:
            assert {"401", "403"} <= responses.keys()
            assert "WWW-Authenticate" in responses["401"]["headers"]
            assert "Retry-After" in responses["503"]["headers"]  # the issuer's keys
    move = doc["paths"]["/transfers/{transfer_id}/accept"]["post"]["responses"]
    assert "`illegal-transition`" in move["409"]["description"]
    assert "`not-found`" in move["404"]["description"]
    assert "404" not in doc["paths"]["/transfers"]["get"]["responses"]
    # /rooms talks to LiveKit only: its 502/504 are LiveKit's.
    assert {"502", "503", "504"} <= doc["paths"]["/rooms"]["get"]["responses"].keys()


def _properties(schema: dict[str, Any], where: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, prop in schema.get("properties", {}).items():
        found.append((f"{where}.{name}", prop))
        found += _properties(prop, f"{where}.{name}")
        found += _properties(prop.get("items", {}), f"{where}.{name}[]")
    return found


def _formats(prop: dict[str, Any]) -> set[str | None]:
    options = prop.get("anyOf", [prop])
    return {o.get("format") for o in options if o.get("type") == "string"}


def test_every_property_is_described_and_timestamps_say_their_format(
    doc: dict[str, Any],
) -> None:
    props = [
        found
        for name, schema in doc["components"]["schemas"].items()
        for found in _properties(schema, name)
    ]
    assert len(props) > 100
    assert [where for where, prop in props if not prop.get("description")] == []
    # Times as strings (all but the older API's) are ISO 8601: format date-time.
    stamps = [
        (where, prop) for where, prop in props if re.search(r"(\.|_)at$", where) and _formats(prop)
    ]
    assert len(stamps) >= 10
    for where, prop in stamps:
        assert _formats(prop) == {"date-time"}, where
    # The older API's times are epoch seconds, numbers: said so, never called date-time.
    record = doc["components"]["schemas"]["TransferRecord"]["properties"]["created_at"]
    assert record["type"] == "number" and "epoch seconds" in record["description"]


@pytest.mark.skipif(not SPECTRAL.exists(), reason="node_modules not installed (npm ci)")
def test_spectral_finds_nothing() -> None:
    run = subprocess.run(
        [SPECTRAL, "lint", "docs/openapi.json", "--fail-severity=hint", "--format=text"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No results with a severity of 'hint' or higher found!" in run.stdout + run.stderr


def test_a_stale_document_is_refused_with_how_to_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "openapi.json"
    shutil.copy(openapi_doc.DOCUMENT, stale)
    stale.write_text(stale.read_text().replace('"get_transfer"', '"getTransfer"'))
    monkeypatch.setattr(openapi_doc, "DOCUMENT", stale)
    assert openapi_doc.main(["check"]) == 1
    assert "run `make openapi`" in capsys.readouterr().err
    assert openapi_doc.main(["write"]) == 0
    assert openapi_doc.main(["check"]) == 0
