"""What `make run` adds to serving the functions, so a local run behaves like a stage:

- the scheduled functions of serverless.yml (`schedule: rate(...)` events) run on their
  schedule, in a thread, each invocation with a scheduled event as EventBridge sends it;
- the development secret is kept in `.local/` (git-ignored), so tokens pasted from an
  earlier run keep working (list cursors are signed with it too);
- with PERSIST=1 the embedded DynamoDB's items are saved to `.local/` when the server
  stops and loaded when it starts again.

`LOCAL_STATE_DIR` moves `.local/`; `SCHEDULE_SECONDS` replaces every schedule's interval
(tests use 1).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import secrets
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from infra.lambda_invoke import closing_clients
from infra.local_stack import LOCAL_CREDENTIALS
from infra.routes import read_config

ROOT = Path(__file__).resolve().parents[1]
UNITS = {"minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400}


def state_dir() -> Path:
    path = Path(os.environ.get("LOCAL_STATE_DIR") or ROOT / ".local")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Schedule:
    function: str
    handler: str  # e.g. functions/expire_transfers.handler
    seconds: float

    def load(self) -> Callable[[dict[str, Any], Any], Any]:
        module, attr = self.handler.rsplit(".", 1)
        return getattr(importlib.import_module(module.replace("/", ".")), attr)  # type: ignore[no-any-return]


def schedules(config: dict[str, Any] | None = None) -> list[Schedule]:
    """Every `schedule: rate(N unit)` event of serverless.yml (cron() is not run locally)."""
    config = config or read_config()
    found = []
    for name, function in (config.get("functions") or {}).items():
        for event in function.get("events") or []:
            schedule = event.get("schedule") if isinstance(event, dict) else None
            rate = schedule.get("rate") if isinstance(schedule, dict) else schedule
            match = re.fullmatch(r"rate\((\d+) (\w+)\)", str(rate or ""))
            if match and match.group(2) in UNITS:
                seconds = int(match.group(1)) * UNITS[match.group(2)]
                found.append(Schedule(name, function["handler"], seconds))
    return found


@dataclass
class Scheduler:
    """Invokes each scheduled function every interval until stopped."""

    plan: list[Schedule]
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> Scheduler:
        override = os.environ.get("SCHEDULE_SECONDS")
        for schedule in self.plan:
            seconds = float(override) if override else schedule.seconds
            thread = threading.Thread(
                target=closing_clients(self._run), args=(schedule, seconds), daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def _run(self, schedule: Schedule, seconds: float) -> None:
        handler = schedule.load()
        while not self._stop.wait(seconds):
            event = {"id": str(uuid.uuid4()), "source": "aws.events"}
            event["detail-type"] = "Scheduled Event"
            try:
                handler(event, None)
            except Exception:  # logged by the function; the next run tries again, as on AWS
                traceback.print_exc()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def dev_secret(name: str) -> str:
    """A development secret (the JWT one, the cursors' one), made once and kept
    (owner-only) across restarts."""
    path = state_dir() / name
    if path.exists():
        return path.read_text().strip()
    secret = secrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.write_text(secret)
    return secret


def _table(endpoint_url: str, region: str) -> Any:
    return boto3.client(
        "dynamodb", endpoint_url=endpoint_url, region_name=region, **LOCAL_CREDENTIALS
    )


def save_items(endpoint_url: str, table: str, region: str) -> int:
    """Write every item (DynamoDB's typed JSON) to .local/<table>.json; returns the count."""
    items: list[dict[str, Any]] = []
    for page in _table(endpoint_url, region).get_paginator("scan").paginate(TableName=table):
        items += page["Items"]
    path = state_dir() / f"{table}.json"
    tmp = path.with_suffix(".tmp")
    # The items hold webhook secrets: readable by their owner only.
    tmp.touch(mode=0o600)
    tmp.chmod(0o600)
    tmp.write_text(json.dumps(items, default=_binary))
    tmp.replace(path)
    return len(items)


def load_items(endpoint_url: str, table: str, region: str) -> int:
    """Put back the items saved by save_items, if any; returns the count."""
    path = state_dir() / f"{table}.json"
    if not path.exists():
        return 0
    items = json.loads(path.read_text(), object_hook=_unbinary)
    client = _table(endpoint_url, region)
    for start in range(0, len(items), 25):  # BatchWriteItem's limit
        batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
        pending: dict[str, Any] = {table: batch}
        while pending:
            pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
    return len(items)


def _binary(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"__b64__": __import__("base64").b64encode(value).decode()}
    raise TypeError(type(value).__name__)


def _unbinary(obj: dict[str, Any]) -> Any:
    if set(obj) == {"__b64__"}:
        return __import__("base64").b64decode(obj["__b64__"])
    return obj
