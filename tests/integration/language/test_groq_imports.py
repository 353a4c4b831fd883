"""Functions that never call Groq never import `groq`; the ones that do import it only
when they first reach Groq (so an offline run never loads it). Checked in a fresh
interpreter, because this test process has imported everything already.

One fresh interpreter imports every function in turn and notes, after each, whether
`groq` is loaded: a function that imports it at import time is caught there (or an
earlier one was, and its test fails first), as in an interpreter of its own, at the cost
of one interpreter instead of 57 (~50 s of CPU in the suite)."""

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


def _groq_after_each(modules: list[str], cwd: Path) -> dict[str, bool]:
    """Each of `modules` -> whether `groq` was loaded once it had been imported, in one
    fresh interpreter importing them one after another."""
    code = (
        "import importlib, json, sys\n"
        "seen = {}\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    seen[name] = 'groq' in sys.modules\n"
        "print(json.dumps(seen))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(out.stdout.splitlines()[-1]))


@pytest.fixture(scope="module")
def groq_after_import() -> dict[str, bool]:
    return _groq_after_each(MODULES, ROOT)


@pytest.mark.parametrize("name", NO_GROQ)
def test_functions_that_never_call_groq_never_import_it(
    name: str, groq_after_import: dict[str, bool]
) -> None:
    assert groq_after_import[name] is False


@pytest.mark.parametrize("name", sorted(CALLS_GROQ))
def test_groq_functions_import_it_only_when_they_reach_groq(
    name: str, groq_after_import: dict[str, bool]
) -> None:
    assert name in MODULES
    assert groq_after_import[name] is False


def test_the_shared_check_names_a_module_that_imports_groq(tmp_path: Path) -> None:
    # The shared interpreter's check over a module that imports groq at import time: it
    # says so for that module, not for the one imported before it.
    (tmp_path / "eager_groq.py").write_text("import groq\n")
    (tmp_path / "no_groq.py").write_text("import json\n")
    seen = _groq_after_each(["no_groq", "eager_groq"], tmp_path)
    assert seen == {"no_groq": False, "eager_groq": True}


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
