"""The real local API (`python -m infra.local_server` in the project's .venv: every function
over an embedded moto, events included) and the Groq stub, for the agent's tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.groq_stub import GroqStub

ROOT = Path(__file__).resolve().parents[2]
# The API's interpreter: the project's venv (WARM_TRANSFER_PYTHON overrides).
API_PYTHON = os.environ.get("WARM_TRANSFER_PYTHON", str(ROOT / ".venv" / "bin" / "python"))


@dataclass(frozen=True)
class LocalApi:
    url: str
    tokens: dict[
        str, str
    ]  # service, supervisor, agent alice, agent bob (make run's development tokens)

    def call(self, method: str, path: str, who: str, body: object = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        return httpx.request(method, self.url + path, json=body, headers=headers, timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def local_api() -> Iterator[LocalApi]:
    port = _free_port()
    state = tempfile.mkdtemp(prefix="voice-agent-api-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GROQ_", "AUTH_", "AWS_"))}
    env |= {"PORT": str(port), "LOCAL_STATE_DIR": state, "PYTHONUNBUFFERED": "1"}
    env.pop("DYNAMODB_ENDPOINT_URL", None)
    proc = subprocess.Popen(
        [API_PYTHON, "-m", "infra.local_server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    tokens: dict[str, str] = {}
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        found = re.match(r"^\s+([\w -]+?)\s+(ey\S+)$", line)
        if found:
            tokens[found.group(1)] = found.group(2)
        if line.startswith("serving ") or time.monotonic() > deadline:
            break
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(url + "/health", timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        assert "service" in tokens, f"no tokens printed: {tokens}"
        yield LocalApi(url, tokens)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def groq() -> Iterator[GroqStub]:
    with GroqStub() as stub:
        yield stub
