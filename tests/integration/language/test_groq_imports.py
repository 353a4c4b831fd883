"""Functions that never call Groq never import `groq`; the ones that do import it only
when they first reach Groq (so an offline run never loads it). Checked in a fresh
interpreter, because this test process has imported everything already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from infra import routes

ROOT = Path(__file__).resolve().parents[3]
# Every function in serverless.yml, so a new one is checked without editing this test.
CALLS_GROQ = {
    "functions.ai_voice",
    "functions.initiate_transfer",
    "functions.v0.ai_voice",
    "functions.v0.initiate_transfer",
}
MODULES = sorted({route.module for route in routes.load()})
NO_GROQ = [m for m in MODULES if m not in CALLS_GROQ]


def _loaded_after(code: str, env: dict[str, str] | None = None) -> list[str]:
    script = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.parametrize("name", NO_GROQ)
def test_functions_that_never_call_groq_never_import_it(name: str) -> None:
    modules = _loaded_after(f"import {name}")
    assert name in modules
    assert "groq" not in modules


@pytest.mark.parametrize("name", sorted(CALLS_GROQ))
def test_groq_functions_import_it_only_when_they_reach_groq(name: str) -> None:
    assert name in MODULES
    modules = _loaded_after(f"import {name}")
    assert "groq" not in modules


def test_the_check_sees_groq_once_a_client_is_made() -> None:
    # The same probe, after the lazy client is made: proves the check above can fail.
    code = (
        "import asyncio\n"
        "from functions.llm.client import get_groq\n"
        "async def main():\n"
        "    get_groq()\n"
        "asyncio.run(main())\n"
    )
    modules = _loaded_after(code, {"GROQ_API_KEY": "gsk_probe"})
    assert "groq" in modules
