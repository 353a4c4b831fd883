"""Finding the Lambda runtime's Python: `make test` works on a machine without 3.12."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from infra import function_bytecode, pythons
from tests.support.run_once import PACKAGE_LOCK, exclusive


def test_layer_python_none_hides_the_runtimes_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYER_PYTHON", "none")
    assert pythons.find_python(pythons.lambda_python_version()) is None
    # The venv then takes another 3.11+ interpreter, never the hidden one.
    chosen = pythons.venv_python()
    assert pythons.version_of(chosen) != pythons.lambda_python_version()
    assert tuple(int(p) for p in pythons.version_of(chosen).split(".")) >= pythons.MINIMUM


def test_layer_python_names_the_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYER_PYTHON", sys.executable)
    assert pythons.find_python("3.12") == sys.executable


def test_runtime_version_comes_from_serverless_yml() -> None:
    from infra.layer.build_layer import lambda_target

    assert pythons.lambda_python_version() == lambda_target().python_version


def test_package_step_without_the_runtimes_python_compiles_nothing_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LAYER_PYTHON", "none")

    def pycs() -> dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in function_bytecode.FUNCTIONS.rglob("*.pyc")}

    # Not while another xdist worker's `osls package` compiles them (tests/deploy).
    with exclusive(PACKAGE_LOCK):
        before = pycs()
        assert function_bytecode.compile_functions() is None
        assert "no python3.12 found" in capsys.readouterr().err
        assert pycs() == before


def test_the_functions_bytecode_goes_beside_them_whatever_the_pycache_prefix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `make test` sets PYTHONPYCACHEPREFIX for its own bytecode; the package's must still
    # be in functions/**/__pycache__, where serverless.yml's patterns take it from.
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path))
    source = function_bytecode.FUNCTIONS / "health.py"
    tag = function_bytecode.cache_tag(pythons.lambda_python_version())
    pyc = source.parent / "__pycache__" / f"health.{tag}.pyc"
    with exclusive(PACKAGE_LOCK):
        before = pyc.stat().st_mtime_ns if pyc.exists() else None
        if function_bytecode.compile_functions() is None:
            pytest.skip("no python3.12 here: nothing is compiled")
        # -f: compiled and written again even where one was there already
        assert pyc.exists() and (before is None or pyc.stat().st_mtime_ns > before)
    assert not list(tmp_path.rglob("*.pyc"))
