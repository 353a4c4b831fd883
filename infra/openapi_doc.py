"""The whole API's OpenAPI document: every function app's own, merged, in a stable order.

The local server serves it at /openapi.json; docs/openapi.json is the committed copy, for
SDK generators and reviewers (a test checks it is what the functions serve).

    python -m infra.openapi_doc write     rewrite docs/openapi.json (make openapi)
    python -m infra.openapi_doc check     exit 1 if docs/openapi.json is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from functions import __version__
from functions.api.openapi_parts import TAGS
from infra import routes as route_table

DOCUMENT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"
_METHOD_ORDER = ("get", "post", "put", "patch", "delete")

_DESCRIPTION = """\
A serverless backend for AI voice call centres: calls and their transcripts, the AI voice
turn, and warm transfers to human agents with an LLM briefing, each a durable record with
a lifecycle (initiated -> accepted -> completed, or cancelled / expired). Each operation is
its own AWS Lambda function; its operationId is the function's name.

Requests and answers are JSON, snake_case. Errors are RFC 9457 `application/problem+json`
(schema `Problem`); each operation lists the problem statuses it answers, with the problem
types (`urn:warm-transfer:problem:<slug>`) and what they mean there.

Authentication: `Authorization: Bearer <JWT>` from the call centre's OpenID provider; the
role (service, agent, supervisor) comes from a claim. Each operation says which roles may
call it. POSTs that list the `Idempotency-Key` header honour it."""


def _sorted_path_item(item: dict[str, Any]) -> dict[str, Any]:
    rank = {m: i for i, m in enumerate(_METHOD_ORDER)}
    return {m: item[m] for m in sorted(item, key=lambda m: (rank.get(m, len(rank)), m))}


def build(routes: list[route_table.Route] | None = None) -> dict[str, Any]:
    """The merged document of the apps of serverless.yml's HTTP routes (the console's files
    are no API and have no operations in it)."""
    table = routes if routes is not None else route_table.load()
    paths: dict[str, Any] = {}
    components: dict[str, dict[str, Any]] = {}
    apps = {r.module: r.load_app() for r in table}
    for app in apps.values():
        doc = app.openapi()
        for path, item in doc.get("paths", {}).items():
            for method in item:
                if method in paths.get(path, {}):
                    raise ValueError(f"{method.upper()} {path} is served by two functions")
            paths.setdefault(path, {}).update(item)
        for section, values in doc.get("components", {}).items():
            merged = components.setdefault(section, {})
            for name, value in values.items():
                if merged.get(name, value) != value:
                    raise ValueError(f"components.{section}.{name} differs between functions")
                merged[name] = value
    used = {op["tags"][0] for item in paths.values() for op in item.values()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "warm-transfer",
            "version": __version__,
            "description": _DESCRIPTION,
            "contact": {"name": "warm-transfer maintainers"},
            "license": {"name": "UNLICENSED: proprietary, not for redistribution"},
        },
        # Relative: the API that served this document (make run on any PORT, a stage's
        # API Gateway URL), so /docs' "Try it out" calls the server it is on.
        "servers": [{"url": "/", "description": "the API serving this document"}],
        "tags": [
            {"name": tag, "description": description}
            for tag, (description, _) in TAGS.items()
            if tag in used
        ],
        "paths": {p: _sorted_path_item(paths[p]) for p in sorted(paths)},
        "components": {
            section: {name: components[section][name] for name in sorted(components[section])}
            for section in sorted(components)
        },
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    text = render(build())
    if command == "write":
        DOCUMENT.write_text(text)
        print(f"wrote {DOCUMENT}")
        return 0
    if command == "check":
        if DOCUMENT.exists() and DOCUMENT.read_text() == text:
            return 0
        print(f"{DOCUMENT} is out of date: run `make openapi`", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
