"""Work done once per test run whichever pytest-xdist worker asks first, and locks for what
the work tree holds once (console/dist, the functions' bytecode, osls's .serverless/).

Each xdist worker is a process with its own session, so a session fixture runs once per
worker. For the few that are slow to make and only read afterwards (the Lambda layer, the
packaged template), the first worker makes them in the run's shared temporary directory
and the others wait for it, then read the same files.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def shared_dir(factory: pytest.TempPathFactory) -> Path:
    """The run's temporary directory, the same for all its workers (each worker's own is
    <it>/popen-gwN); without xdist, the session's."""
    basetemp = factory.getbasetemp()
    return basetemp.parent if basetemp.name.startswith("popen-gw") else basetemp


@contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Holds `lock` (a file, made if missing) against every other process until the end."""
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # released when the file closes
        yield


def work_tree_lock(name: str) -> Path:
    """A lock for something this work tree holds once: it guards against a second run in
    the same tree as much as against another worker of this one."""
    tree = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"warm-transfer-{tree}-{name}.lock"


# `osls package` (infra/osls_offline.py) writes into the work tree: the functions' bytecode
# (functions/**/__pycache__) and its zip, always in .serverless/ before it moves to
# --package. One package at a time, and a test that watches that bytecode holds it too.
PACKAGE_LOCK = work_tree_lock("package")


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """<the run's directory>/name, filled by make(it) in the first worker to ask; the
    others wait for it. A make that raises leaves nothing done, so the next asker retries
    (and reports its own error)."""
    shared = shared_dir(factory)
    out = shared / name
    with exclusive(shared / f"{name}.lock"):
        done = shared / f"{name}.done"
        if not done.exists():
            out.mkdir(parents=True, exist_ok=True)
            make(out)
            done.touch()
    return out
