"""The Python lock files: every version and hash that was tested, without a registry's name.

    python3 infra/lock.py write UV     # re-lock after editing pyproject.toml's dependencies
    python3 infra/lock.py check        # exit 1 when pyproject.toml changed since the lock

Standard library only: the Makefile runs it before any virtualenv exists.

Why not uv.lock: uv writes the index URL into every entry of uv.lock and cannot leave it
out, and this repository names no package registry. `uv pip compile` writes the same pins
and hashes as requirements files with no index in them; uv installs them from its default
index. Two files, one resolution: `requirements/dev.lock` (runtime + dev, what `.venv`
gets) and `requirements/runtime.lock` (what the Lambda layer gets), compiled with the dev
lock as its constraints, so both pin the same versions.

Each file starts with the hash of pyproject.toml's dependency tables, so `check` can
tell a stale lock without resolving anything.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_LOCK = ROOT / "requirements" / "dev.lock"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.lock"
# The oldest Python the project supports: markers cover it and every newer one.
PYTHON_FLOOR = "3.11"
STAMP = "# pyproject-dependencies-sha256: "


def dependencies_hash() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    tables = {
        "dependencies": project.get("dependencies", []),
        "optional": project.get("optional-dependencies", {}),
        "requires-python": project.get("requires-python"),
    }
    return hashlib.sha256(json.dumps(tables, sort_keys=True).encode()).hexdigest()


def _compile(uv: str, out: Path, *extra: str) -> None:
    cmd = [uv, "pip", "compile", "pyproject.toml", "--universal", "--generate-hashes"]
    cmd += ["--python-version", PYTHON_FLOOR, "--quiet", "--no-header", "-o", str(out), *extra]
    subprocess.run(cmd, cwd=ROOT, check=True)
    out.write_text(f"{STAMP}{dependencies_hash()}\n" + out.read_text())


def write(uv: str) -> None:
    DEV_LOCK.parent.mkdir(exist_ok=True)
    _compile(uv, DEV_LOCK, "--extra", "dev")
    _compile(uv, RUNTIME_LOCK, "--constraint", str(DEV_LOCK.relative_to(ROOT)))


def stale() -> list[str]:
    """The lock files that do not match pyproject.toml's dependencies."""
    want = f"{STAMP}{dependencies_hash()}"
    out = []
    for lock in (DEV_LOCK, RUNTIME_LOCK):
        first = lock.read_text().splitlines()[0] if lock.exists() else ""
        if first != want:
            out.append(str(lock.relative_to(ROOT)))
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["write"] and len(argv) == 2:
        write(argv[1])
        return 0
    if argv == ["check"]:
        bad = stale()
        if bad:
            print(f"{', '.join(bad)} out of date with pyproject.toml: run `make lock`")
            return 1
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
