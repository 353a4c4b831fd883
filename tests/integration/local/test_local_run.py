"""`make run` as a developer uses it (python -m infra.local_server in its own process):
the expiry sweeper runs on its serverless.yml schedule, the development secret survives a
restart (pasted tokens keep working), and with PERSIST=1 so do the data."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from infra import local_ops
from tests.support.tokens import Tokens

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def local_run(state: Path, output: list[str] | None = None, **env: str) -> Iterator[httpx.Client]:
    """`output`: filled with what the server printed, once it stopped."""
    port = _free_port()
    drop = ("AUTH_JWT_SECRET", "DYNAMODB_ENDPOINT_URL", "GROQ_API_KEY", "TABLE_NAME", "PERSIST")
    base = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("LIVEKIT")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "infra.local_server"],
        cwd=ROOT,
        env={**base, "PORT": str(port), "LOCAL_STATE_DIR": str(state), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the local server did not start"
            time.sleep(0.2)
        yield client
    finally:
        client.close()
        proc.send_signal(signal.SIGINT)  # as Ctrl-C: uvicorn stops, the data are saved
        printed, _ = proc.communicate(timeout=60)
        if output is not None:
            output.append(printed)


def _auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", "content-type": "application/json"}


def test_schedules_are_read_from_serverless_yml() -> None:
    (sweep,) = local_ops.schedules()
    assert (sweep.function, sweep.seconds) == ("expire_transfers", 60)
    assert callable(sweep.load())


def test_the_sweeper_runs_and_the_secret_and_persisted_data_survive_restarts(
    tmp_path: Path,
) -> None:
    fast = {"SCHEDULE_SECONDS": "1", "TRANSFER_ACCEPT_TIMEOUT_SECONDS": "1"}
    printed: list[str] = []
    with local_run(tmp_path, printed, PERSIST="1", **fast) as api:
        secret = (tmp_path / "dev-secret").read_text()
        assert (tmp_path / "dev-secret").stat().st_mode & 0o077 == 0  # the owner's only
        tokens = Tokens(secret)
        svc, bob = _auth(tokens.service()), _auth(tokens.agent("bob"))
        assert api.post("/calls", json={"call_id": "kept"}, headers=svc).status_code == 201
        made = api.post(
            "/initiate-transfer", json={"call_id": "kept", "to_agent": "bob"}, headers=svc
        )
        assert made.status_code == 201
        # Nobody reads the transfer: only the scheduled sweeper can expire it.
        deadline = time.monotonic() + 30
        while True:
            (item,) = api.get("/transfers", headers=bob).json()["items"]
            if item["status"] == "expired" or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert item["status"] == "expired" and item["history"][-1]["by"] == "system"

    # What a developer reads: request lines, no metric lines, and a clean Ctrl-C.
    (console,) = printed
    assert '"route":"/initiate-transfer"' in console
    assert "CloudWatchMetrics" not in console
    assert "Unclosed client session" not in console and "Traceback" not in console

    # Restarted with PERSIST=1: the same secret (the old token works) and the same data.
    with local_run(tmp_path, PERSIST="1") as api:
        assert (tmp_path / "dev-secret").read_text() == secret
        got = api.get(f"/transfers/{item['transfer_id']}", headers=bob)
        assert got.status_code == 200 and got.json()["status"] == "expired"

    # Without PERSIST the table starts empty; the secret is still the kept one.
    with local_run(tmp_path) as api:
        assert api.get("/calls/kept", headers=svc).status_code == 404


def test_the_state_folder_is_ignored_by_git() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".local/dev-secret"], cwd=ROOT, check=False, timeout=30
    )
    assert ignored.returncode == 0
