"""Precompile the functions' own code for the Lambda runtime, before `osls package`.

    .venv/bin/python -m infra.function_bytecode     # functions/**/__pycache__/*.cpython-312.pyc

Lambda's /var/task is read-only: a function shipped as source compiles its modules on
every cold start (about 4% of one, 20-30 ms; python -m bench cold). So the package carries
bytecode made the way the layer's is (infra/layer/build_layer.py): by the runtime's Python
from serverless.yml, hash-based, since zip mtimes would make timestamp-checked .pyc files
stale. serverless.yml's package patterns take only that Python's .pyc files.
infra/osls_offline.py runs this before `package` and `deploy`.

Unlike the layer's (third-party code nobody edits: unchecked-hash), these are
*checked*-hash: Python hashes the shipped source and uses the .pyc only if it matches, so
a deploy that skipped this step after an edit ships correct code (compiled at cold start)
rather than stale bytecode. The check costs a read and a hash per module, well under a
millisecond for this code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from infra import pythons
from infra.layer.build_layer import find_python, lambda_target

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = ROOT / "functions"
# Where Lambda unpacks the service zip: tracebacks name /var/task/functions/..., as the
# layer's .pyc files name /opt/python/...
TASK_ROOT = "/var/task"


def cache_tag(version: str) -> str:
    """The interpreter's .pyc tag for a Python version: "3.12" -> "cpython-312"."""
    return "cpython-" + version.replace(".", "")


def magic_number(python: str) -> bytes:
    """The .pyc magic number of that Python (the first 4 bytes of every .pyc it writes)."""
    probe = "import importlib.util as u; print(u.MAGIC_NUMBER.hex())"
    done = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=30)
    done.check_returncode()
    return bytes.fromhex(done.stdout.strip())


def compile_functions(python: str | None = None) -> Path | None:
    """Compile every .py under functions/ with the runtime's Python; returns that Python.

    Without it (a machine with only 3.11) nothing is compiled and None is returned: the
    package then ships source only, which is correct (checked-hash .pyc left from an
    earlier build are used only where they match) but compiles at every cold start.
    """
    version = lambda_target().python_version
    python = python or find_python(version)
    if python is None:
        print(
            f"warning: no python{version} found (set LAYER_PYTHON): the functions ship "
            "without bytecode and Lambda compiles them on every cold start",
            file=sys.stderr,
        )
        return None
    args = ["-f", "--invalidation-mode", "checked-hash", "-s", str(ROOT), "-p", TASK_ROOT]
    pythons.compileall(python, *args, str(FUNCTIONS))
    return Path(python)


def main() -> None:
    python = compile_functions()
    if python is None:
        return
    tag = cache_tag(lambda_target().python_version)
    count = len(list(FUNCTIONS.rglob(f"__pycache__/*.{tag}.pyc")))
    print(f"{count} {tag} .pyc files under functions/, compiled by {python}", file=sys.stderr)


if __name__ == "__main__":
    main()
