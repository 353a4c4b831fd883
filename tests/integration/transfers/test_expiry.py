"""Transfers nobody accepts in time expire: when read, and by the scheduled sweeper."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from functions import expire_transfers
from functions.shared.settings import get_settings
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import LambdaContext, Response
from tests.support.fault_proxy import FaultProxy, fault_proxy
from tests.support.flows import open_transfer, read_transfer
from tests.support.tokens import Tokens

__all__ = ["fault_proxy"]
# TRANSFER_ACCEPT_TIMEOUT_SECONDS for these tests: room for a loaded machine between steps.
TIMEOUT = 3


@pytest.fixture
def short_timeout(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Transfers made now become overdue when the returned function has waited them out."""
    monkeypatch.setenv("TRANSFER_ACCEPT_TIMEOUT_SECONDS", str(TIMEOUT))
    get_settings.cache_clear()

    def wait_out() -> None:
        time.sleep(TIMEOUT + 0.05)

    return wait_out


def accept(tokens: Tokens, tid: str) -> Response:
    return api.move("accept", tid, token=tokens.agent("bob"))


def sweep() -> dict[str, Any]:
    return expire_transfers.handler(
        {"source": "aws.events", "detail-type": "Scheduled Event"},
        LambdaContext(function_name="warm-transfer-dev-expire"),
    )


def test_an_overdue_transfer_is_expired_when_read(
    tokens: Tokens, short_timeout: Callable[[], None]
) -> None:
    tid = open_transfer(tokens, "call-late")
    short_timeout()
    got = read_transfer(tokens, tid)
    assert got["status"] == "expired" and got["version"] == 2
    assert (got["history"][-1]["status"], got["history"][-1]["by"]) == ("expired", "system")
    late = accept(tokens, tid)
    assert late.status == 409 and late.headers["content-type"] == PROBLEM
    assert late.json["current_status"] == "expired"
    assert read_transfer(tokens, tid) == got  # read again: expired once, not twice


def test_the_sweeper_expires_only_overdue_initiated_transfers(
    tokens: Tokens, short_timeout: Callable[[], None], fault_proxy: FaultProxy
) -> None:
    overdue = open_transfer(tokens, "call-a")
    taken = open_transfer(tokens, "call-b")
    assert accept(tokens, taken).status == 200
    short_timeout()
    fresh = open_transfer(tokens, "call-c")
    fault_proxy.received.clear()

    assert sweep() == {"expired": 1, "skipped": 0, "more": False}
    # Through the index (a Query on a key range), never a Scan of the table.
    assert fault_proxy.received["Query"] >= 1 and fault_proxy.received["Scan"] == 0
    # Bob's inbox shows it expired without anyone reading it first.
    inbox = api.list_transfers(token=tokens.agent("bob"))
    statuses = {t["transfer_id"]: t["status"] for t in inbox.json["items"]}
    assert statuses == {overdue: "expired", taken: "accepted", fresh: "initiated"}
    expired = read_transfer(tokens, overdue)
    assert expired["version"] == 2 and expired["history"][-1]["by"] == "system"
    assert sweep() == {"expired": 0, "skipped": 0, "more": False}  # nothing twice


def test_the_sweeper_works_through_a_backlog_in_runs(
    tokens: Tokens, short_timeout: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPIRY_SWEEP_MAX_ITEMS", "4")
    get_settings.cache_clear()
    ids = [open_transfer(tokens, f"call-{n}") for n in range(6)]
    short_timeout()
    assert sweep() == {"expired": 4, "skipped": 0, "more": True}
    assert sweep() == {"expired": 2, "skipped": 0, "more": False}
    assert {read_transfer(tokens, t)["status"] for t in ids} == {"expired"}


def test_sweep_and_a_read_racing_to_expire_record_it_once(
    tokens: Tokens, short_timeout: Callable[[], None], fault_proxy: FaultProxy
) -> None:
    """The sweeper and a reader both find the transfer overdue and both write: the proxy
    holds both writes until both arrived, so each has read version 1. One wins; the other
    re-decides from the current item and does nothing."""
    tid = open_transfer(tokens, "call-race")
    short_timeout()
    fault_proxy.hold("UpdateItem", 2)
    with ThreadPoolExecutor(max_workers=1) as pool:
        swept = pool.submit(sweep)
        got = read_transfer(tokens, tid)
        result = swept.result(timeout=60)
    assert result["expired"] + result["skipped"] == 1
    assert fault_proxy.received["UpdateItem"] == 2  # both wrote; one condition failed
    assert got["status"] == "expired"
    final = read_transfer(tokens, tid)
    assert final["version"] == 2
    assert [h["status"] for h in final["history"]] == ["initiated", "expired"]
