"""Find the Python interpreters the project needs: the Lambda runtime's, and the venv's.

    python3 infra/pythons.py          # prints the interpreter `make` builds .venv with

Standard library only: the Makefile runs it before any virtualenv exists.

The venv uses the Lambda runtime's Python (serverless.yml, python3.12) when the machine
has it, so tests run on what Lambda runs; otherwise the newest 3.11+ found. The runtime's
Python also compiles the layer's and the functions' bytecode; without it those steps are
skipped and the checks of them skip with the reason.

`LAYER_PYTHON` names the runtime's interpreter explicitly; `LAYER_PYTHON=none` says there
is none (how the tests prove `make test` works on a machine with only 3.11).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMUM = (3, 11)
NONE = "none"


def lambda_python_version() -> str:
    """The runtime's Python version, read from serverless.yml (no YAML parser needed)."""
    text = (ROOT / "serverless.yml").read_text()
    match = re.search(r"^\s+runtime:\s*python(\d+\.\d+)\s*$", text, re.MULTILINE)
    if not match:
        raise SystemExit("serverless.yml has no provider.runtime pythonX.Y")
    return match.group(1)


def version_of(python: str) -> str | None:
    """The version ("3.12") of a working interpreter, else None (a pyenv shim may not run)."""
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    try:
        found = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() if found.returncode == 0 else None


def _candidates(version: str) -> list[str]:
    found = [shutil.which(f"python{version}")]
    pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found += sorted(glob.glob(f"{pyenv_root}/versions/{version}.*/bin/python{version}"))[::-1]
    return [c for c in found if c]


def find_python(version: str) -> str | None:
    """An interpreter of exactly this version, or None (LAYER_PYTHON overrides the search)."""
    explicit = os.environ.get("LAYER_PYTHON")
    if explicit:
        return None if explicit == NONE else explicit
    if f"{sys.version_info[0]}.{sys.version_info[1]}" == version:
        return sys.executable
    return next((c for c in _candidates(version) if version_of(c) == version), None)


def compileall(python: str, *args: str, timeout: float | None = None) -> None:
    """`python -m compileall args`, writing each .pyc beside its source (in __pycache__,
    where the layer and the package take them from): without PYTHONPYCACHEPREFIX, which
    would send them to another tree (`make test` sets one for the tests' own bytecode)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    cmd = [python, "-m", "compileall", "-q", *args]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, timeout=timeout)


def venv_python() -> str:
    """The runtime's Python if present, else the newest 3.11+ found, else this one."""
    target = lambda_python_version()
    if python := find_python(target):
        return python
    newest: tuple[tuple[int, int], str] = (sys.version_info[:2], sys.executable)
    for minor in range(MINIMUM[1], 20):
        version = f"3.{minor}"
        if version == target:
            continue  # hidden or absent: LAYER_PYTHON=none must mean none
        for candidate in _candidates(version):
            if version_of(candidate) == version and (3, minor) > newest[0]:
                newest = ((3, minor), candidate)
                break
    if newest[0] < MINIMUM:
        raise SystemExit(f"Python {MINIMUM[0]}.{MINIMUM[1]}+ is required, found {newest[1]}")
    return newest[1]


if __name__ == "__main__":
    print(venv_python())
