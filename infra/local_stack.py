"""The embedded DynamoDB for local runs and tests: moto's server, in this process.

The table is created from infra/dynamodb-table.json, the same definition serverless.yml
deploys, so local runs and tests use exactly the deployed keys and indexes.
"""

from __future__ import annotations

import json
import logging
import select
import socket
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from functions.store.table.schema import schema

# Fake credentials: moto accepts any, and nothing here may reach a real AWS account.
LOCAL_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
ROOT = Path(__file__).resolve().parents[1]  # `python -m infra.moto_process` runs from here
START_SECONDS = 60.0
# The local stack's wait-and-read of the stream's records (infra/atomic_moto.py point 5).
STREAM_RECORDS_PATH = "/__local/stream-records"
STREAM_RECORDS_HEADER = "X-Local-Stream-Records"  # on its every answer, refusals too


def listener(port: int = 0) -> socket.socket:
    """A TCP socket bound on 127.0.0.1 for a local server to accept on (uvicorn's
    `sockets=`), with Nagle off. asyncio turns Nagle off only on the connections of sockets
    it made itself (it checks the protocol, which is 0 here), and accepted connections
    inherit this one's setting: without it a response's headers and body go out as two
    small segments and the second waits for the client's delayed ACK, 40 ms a request
    (measured: the moto process's GetItem 46 -> 3 ms, the tests' local server 43 -> 1)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", port))
    return sock


def table_create_args(table_name: str) -> dict[str, Any]:
    """create_table arguments from the CloudFormation properties of the one table."""
    props = schema().properties
    return {
        "TableName": table_name,
        "BillingMode": props["BillingMode"],
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "GlobalSecondaryIndexes": props["GlobalSecondaryIndexes"],
        # The stream publish_events consumes (moto keeps its records; infra/event_sources.py polls).
        "StreamSpecification": {"StreamEnabled": True, **props["StreamSpecification"]},
    }


def create_table(endpoint_url: str, table_name: str, region: str) -> None:
    client = boto3.client(
        "dynamodb", endpoint_url=endpoint_url, region_name=region, **LOCAL_CREDENTIALS
    )
    client.create_table(**table_create_args(table_name))
    client.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"AttributeName": schema().ttl_attribute, "Enabled": True},
    )


def reset(endpoint_url: str) -> None:
    """Drop every table and item of the moto server at `endpoint_url` (its reset endpoint)."""
    request = urllib.request.Request(f"{endpoint_url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass


def wait_or_kill(process: subprocess.Popen[Any], seconds: float) -> None:
    """Let a child that was told to stop end within `seconds`, else kill it."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@dataclass
class LocalDynamoDB:
    """A moto server on 127.0.0.1 (port 0: the OS picks a free one), made to keep
    DynamoDB's per-item atomicity and idempotent transactions (infra/atomic_moto.py).

    By default in a process of its own (infra/moto_process.py: keep-alive connections, the
    second core); `in_process=True` serves it from a thread of this one, for a caller that
    changes atomic_moto's switches (bench/pages.py)."""

    port: int = 0
    in_process: bool = False
    _server: Any = field(default=None, init=False)  # an AtomicMotoServer when in_process
    _process: subprocess.Popen[str] | None = field(default=None, init=False)
    _url: str = field(default="", init=False)

    @property
    def endpoint_url(self) -> str:
        assert self._url, "not started"
        return self._url

    @property
    def pid(self) -> int | None:
        """The moto process's id (None in process): its CPU is the local DynamoDB's."""
        return self._process.pid if self._process is not None else None

    def start(self) -> LocalDynamoDB:
        if not self.in_process:
            return self._start_process()
        from infra.atomic_moto import AtomicMotoServer  # moto loads only where it serves

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        self._server = AtomicMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self._url = f"http://{host}:{port}"
        return self

    def _start_process(self) -> LocalDynamoDB:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "infra.moto_process", str(self.port)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], START_SECONDS)
        line = self._process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            raise RuntimeError("the local DynamoDB (python -m infra.moto_process) did not start")
        self._url = json.loads(line)["url"]
        return self

    def reset(self) -> None:
        """Drop every table and item."""
        reset(self.endpoint_url)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._process is not None:
            process, self._process = self._process, None
            if process.stdin is not None:
                process.stdin.close()  # its signal to stop
            wait_or_kill(process, 10)
            if process.stdout is not None:
                process.stdout.close()
        self._url = ""
