"""Metrics: CloudWatch EMF lines on stdout, read back as CloudWatch would read them.

A whole flow runs through the real handlers (Groq stub, moto behind the fault proxy);
the EMF lines are parsed from the captured stdout and each fact is checked: transfers
initiated / accepted / completed / cancelled / expired, time to accept, briefings by
provider and fallbacks by reason, Groq latency, store unavailable.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from functions import expire_transfers
from functions.shared.settings import get_settings
from tests.support import api
from tests.support.apigw import LambdaContext
from tests.support.fault_proxy import FaultProxy, fault_proxy
from tests.support.flows import open_transfer
from tests.support.groq_stub import GroqStub, error, groq_env, groq_stub
from tests.support.tokens import Tokens

__all__ = ["fault_proxy", "groq_env", "groq_stub"]
NAMESPACE = "warm-transfer-metrics-test"


@dataclass(frozen=True)
class Metric:
    namespace: str
    name: str
    unit: str
    value: float
    dimensions: dict[str, str]


def emf_metrics(stdout: str) -> list[Metric]:
    """Every metric of every EMF line (a JSON object with an `_aws` member)."""
    found = []
    for line in stdout.splitlines():
        if not line.startswith("{"):
            continue
        blob = json.loads(line)
        if "_aws" not in blob:
            continue
        assert isinstance(blob["_aws"]["Timestamp"], int)
        for directive in blob["_aws"]["CloudWatchMetrics"]:
            (dimension_set,) = directive["Dimensions"]
            dims = {d: blob[d] for d in dimension_set}
            for metric in directive["Metrics"]:
                name = metric["Name"]
                raw = blob[name]  # a value, or a list of values (one here: one fact a line)
                (value,) = raw if isinstance(raw, list) else [raw]
                found.append(Metric(directive["Namespace"], name, metric["Unit"], value, dims))
    return found


@pytest.fixture
def namespaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE)
    get_settings.cache_clear()


def test_the_lifecycle_and_the_briefings_are_measured(
    store_env: str,
    namespaced: None,
    groq_env: Callable[..., GroqStub],
    tokens: Tokens,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    groq = groq_env()
    bob = tokens.agent("bob")
    capfd.readouterr()
    groq.queue("chat", error(500))  # the first briefing falls back (upstream_error)
    first = open_transfer(tokens, "m-1")
    second = open_transfer(tokens, "m-2")  # Groq writes this one
    time.sleep(0.05)  # a measurable wait before the accept
    assert api.move("accept", first, token=bob).status == 200
    assert api.move("complete", first, token=bob).status == 200
    assert api.move("cancel", second, token=bob).status == 200
    assert api.move("cancel", second, token=bob).status == 409  # no move, no metric
    # An overdue transfer, expired by the sweeper.
    monkeypatch.setenv("TRANSFER_ACCEPT_TIMEOUT_SECONDS", "1")
    get_settings.cache_clear()
    groq.queue("chat", error(429))
    open_transfer(tokens, "m-3")
    time.sleep(1.05)
    swept = expire_transfers.handler({"id": "sched-1"}, LambdaContext())
    assert swept["expired"] == 1

    metrics = emf_metrics(capfd.readouterr().out)
    assert {m.namespace for m in metrics} == {NAMESPACE}
    assert all(m.dimensions["service"] == "warm-transfer" for m in metrics)

    def values(name: str, **dims: str) -> list[float]:
        return [
            m.value
            for m in metrics
            if m.name == name and all(m.dimensions.get(k) == v for k, v in dims.items())
        ]

    assert values("TransfersInitiated") == [1, 1, 1]
    assert values("TransfersAccepted") == [1]
    assert values("TransfersCompleted") == [1]
    assert values("TransfersCancelled") == [1]
    assert values("TransfersExpired") == [1]
    (waited,) = [m for m in metrics if m.name == "TimeToAccept"]
    assert waited.unit == "Milliseconds" and 50 <= waited.value < 60_000
    assert values("Briefings", provider="groq") == [1]
    assert values("Briefings", provider="offline") == [1, 1]
    assert values("BriefingFallbacks", reason="upstream_error") == [1]
    assert values("BriefingFallbacks", reason="rate_limited") == [1]
    latencies = [m for m in metrics if m.name == "GroqLatency"]
    assert len(latencies) == 3 and {m.unit for m in latencies} == {"Milliseconds"}
    assert all(m.value > 0 for m in latencies)
    assert values("StoreUnavailable") == []


def test_a_store_that_stays_down_is_counted(
    store_env: str,
    namespaced: None,
    fault_proxy: FaultProxy,
    tokens: Tokens,
    capfd: pytest.CaptureFixture[str],
) -> None:
    capfd.readouterr()
    fault_proxy.fail("503")
    res = api.open_call({"call_id": "m-down"}, token=tokens.service())
    assert res.status == 503
    metrics = emf_metrics(capfd.readouterr().out)
    assert [(m.name, m.value, m.unit) for m in metrics] == [("StoreUnavailable", 1, "Count")]


def test_without_groq_every_briefing_is_an_offline_fallback(
    store_env: str, namespaced: None, tokens: Tokens, capfd: pytest.CaptureFixture[str]
) -> None:
    capfd.readouterr()
    open_transfer(tokens, "m-offline")
    metrics = emf_metrics(capfd.readouterr().out)
    fallbacks = [m for m in metrics if m.name == "BriefingFallbacks"]
    assert [m.dimensions["reason"] for m in fallbacks] == ["not_configured"]
    assert not [m for m in metrics if m.name == "GroqLatency"]
