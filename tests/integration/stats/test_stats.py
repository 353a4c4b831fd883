"""KPIs end to end: 300 transfers with random outcomes and timings (the clock moved by the
test) through the real handlers on the local stack; the stream's count_transfers keeps the
counters; GET /stats must equal a hand count, its percentiles within one bucket of the
exact ones, and a redelivered batch must change nothing."""

from __future__ import annotations

import csv
import io
import math
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from functions import count_transfers
from functions.domain import stats as rules
from functions.shared import clock
from tests.support.events_stack import EventsStack, events_stack
from tests.support.tokens import Tokens

WAIT = 60.0  # seconds the stream may take to count everything (never asserted as a timing)
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
AGENTS = ("ann", "ben", "cat")
SERVICE_LEVEL = 20.0
OUTCOMES = (
    "complete",  # accepted, then completed
    "accept_cancel",  # accepted, then called off
    "accept_abandon",  # accepted, then the caller hung up
    "cancel",  # called off before anyone accepted
    "abandon",  # the caller hung up while waiting
    "wait",  # still initiated at the end
)


class Clock:
    """The time every function on the stack reads (functions/shared/clock.now)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = START
        monkeypatch.setattr(clock, "now", lambda: self.at)


@dataclass
class Hand:
    """The counts as a person would keep them, transfer by transfer."""

    total: Counter[str] = field(default_factory=Counter)
    by_agent: dict[str, Counter[str]] = field(default_factory=dict)
    accept_seconds: list[float] = field(default_factory=list)

    def add(self, name: str, agent: str) -> None:
        self.total[name] += 1
        self.by_agent.setdefault(agent, Counter())[name] += 1


@pytest.fixture
def stack(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[EventsStack]:
    monkeypatch.setenv("SERVICE_LEVEL_SECONDS", str(int(SERVICE_LEVEL)))
    # Transfers left waiting stay initiated while the test's clock runs on.
    monkeypatch.setenv("TRANSFER_ACCEPT_TIMEOUT_SECONDS", "86400")
    with events_stack(store_env, monkeypatch) as running:
        yield running


def _drive(stack: EventsStack, tokens: Tokens, now: Clock) -> Hand:
    rng = random.Random(27)
    hand = Hand()
    svc = tokens.service()
    agents = {a: tokens.agent(a) for a in AGENTS}
    with httpx.Client(base_url=stack.base_url, timeout=30) as http:

        def post(path: str, token: str, body: Any = None) -> dict[str, Any]:
            res = http.post(path, json=body, headers={"authorization": f"Bearer {token}"})
            assert res.status_code in (200, 201), (path, res.text)
            return dict(res.json())

        for i in range(300):
            now.at = START + timedelta(seconds=36 * i)  # three hours of callers
            agent = rng.choice(AGENTS)
            post("/calls", svc, {"call_id": f"c-{i}"})
            made = post("/initiate-transfer", svc, {"call_id": f"c-{i}", "to_agent": agent})
            tid = made["transfer_id"]
            hand.add("entered", agent)
            outcome = rng.choice(OUTCOMES)
            now.at += timedelta(seconds=round(rng.lognormvariate(2.8, 0.9), 3))
            if outcome.startswith(("complete", "accept")):
                post(f"/transfers/{tid}/accept", agents[agent])
                waited = (now.at - clock.parse(made["created_at"])).total_seconds()
                hand.accept_seconds.append(waited)
                hand.add("accepted", agent)
                if waited <= SERVICE_LEVEL:
                    hand.add("in_sl", agent)
                now.at += timedelta(seconds=rng.uniform(5, 300))
                if outcome == "complete":
                    post(f"/transfers/{tid}/complete", agents[agent])
                    hand.add("completed", agent)
                elif outcome == "accept_cancel":
                    post(f"/transfers/{tid}/cancel", agents[agent])
                    hand.add("cancelled", agent)
                else:
                    post(f"/transfers/{tid}/abandon", svc)
                    hand.add("abandoned", agent)
            elif outcome == "cancel":
                post(f"/transfers/{tid}/cancel", svc)
                hand.add("cancelled", agent)
                hand.add("unanswered", agent)
            elif outcome == "abandon":
                post(f"/transfers/{tid}/abandon", svc)
                hand.add("abandoned", agent)
                hand.add("unanswered", agent)
    return hand


def _stats(stack: EventsStack, tokens: Tokens, **query: str) -> dict[str, Any]:
    params = {"from": "2026-03-02T08:00:00Z", "to": "2026-03-02T12:00:00Z", **query}
    res = httpx.get(
        f"{stack.base_url}/stats",
        params=params,
        headers={"authorization": f"Bearer {tokens.supervisor()}"},
        timeout=30,
    )
    assert res.status_code == 200, res.text
    return dict(res.json())


def _settled(stack: EventsStack, tokens: Tokens, hand: Hand) -> dict[str, Any]:
    """/stats once the stream has counted every change (it runs behind the requests)."""
    deadline = time.monotonic() + WAIT
    while True:
        got = _stats(stack, tokens)
        done = got["total"]["completed"] == hand.total["completed"]
        done = done and got["total"]["abandoned"] == hand.total["abandoned"]
        done = done and got["total"]["cancelled"] == hand.total["cancelled"]
        if done or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


def _exact(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered) - 1e-9)) - 1]


def _expected(counts: Counter[str]) -> dict[str, Any]:
    judged = counts["accepted"] + counts["unanswered"]
    return {
        "entered": counts["entered"],
        "accepted": counts["accepted"],
        "completed": counts["completed"],
        "cancelled": counts["cancelled"],
        "abandoned": counts["abandoned"],
        "offered": 0,
        "declined": 0,
        "offer_timed_out": 0,
        "no_agent": 0,
        "no_answer": 0,
        "transferred_out": 0,
        "service_level": round(counts["in_sl"] / judged, 4) if judged else None,
        "abandonment_rate": round(counts["abandoned"] / counts["entered"], 4)
        if counts["entered"]
        else None,
    }


def _figures(got: dict[str, Any]) -> dict[str, Any]:
    return {k: got[k] for k in _expected(Counter())}


def test_stats_equal_a_hand_count_and_a_redelivered_batch_changes_nothing(
    stack: EventsStack, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = Clock(monkeypatch)
    hand = _drive(stack, tokens, now)
    got = _settled(stack, tokens, hand)

    assert _figures(got["total"]) == _expected(hand.total)
    # Every hour of the period, and the hours add up to the total.
    hours = [f"2026-03-02T{h:02d}" for h in (8, 9, 10, 11)]
    assert [b["start"][:13] for b in got["buckets"]] == hours
    assert sum(b["entered"] for b in got["buckets"]) == 300
    assert sum(b["accepted"] for b in got["buckets"]) == hand.total["accepted"]
    # Percentiles: the exact value is within one bucket (2^(1/8)) below the reported one.
    tta = got["total"]["time_to_accept"]
    assert tta["count"] == len(hand.accept_seconds)
    for p in (50, 90, 99):
        exact, reported = _exact(hand.accept_seconds, p), tta[f"p{p}"]
        assert reported / 2 ** (1 / 8) - 1e-6 <= exact <= reported + 1e-6, (p, exact, reported)
        assert reported - exact <= rules.RELATIVE_WIDTH * reported + 1e-6
    # Telephony's connected_at never came: nothing measured.
    assert got["total"]["time_to_connect"] == {"count": 0, "p50": None, "p90": None, "p99": None}

    # Per agent, grouped and one by one.
    grouped = _stats(stack, tokens, group_by="agent")
    assert [g["key"] for g in grouped["groups"]] == sorted(hand.by_agent)
    for group in grouped["groups"]:
        assert _figures(group["total"]) == _expected(hand.by_agent[group["key"]])
    ann = _stats(stack, tokens, agent="ann")
    assert _figures(ann["total"]) == _expected(hand.by_agent["ann"])
    # By day: the same figures (the day is read from its hours: the period is part of it).
    by_day = _stats(stack, tokens, bucket="day")
    assert by_day["total"] == got["total"]
    assert len(by_day["buckets"]) == 1
    assert by_day["items_read"] == 4  # the four hours' `all` counters, never a transfer

    # The period's transfers as CSV, one row each, as a spreadsheet would read them.
    res = httpx.get(
        f"{stack.base_url}/transfers/export",
        params={"from": "2026-03-02T08:00:00Z", "to": "2026-03-02T12:00:00Z"},
        headers={"authorization": f"Bearer {tokens.supervisor()}"},
        timeout=30,
    )
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert len(rows) == 300
    statuses = Counter(r["status"] for r in rows)
    assert statuses["completed"] == hand.total["completed"]
    assert statuses["abandoned"] == hand.total["abandoned"]
    assert sum(1 for r in rows if r["accepted_at"]) == hand.total["accepted"]
    assert [r["created_at"] for r in rows] == sorted(r["created_at"] for r in rows)

    # The stream delivers the same records again: nothing is counted twice.
    records = stack.stream_records()
    assert len(records) > 300
    answer = count_transfers.handler({"Records": records}, None)
    assert answer == {"batchItemFailures": []}
    assert _stats(stack, tokens) == got
    assert _stats(stack, tokens, group_by="agent") == grouped


def test_stats_and_export_refuse_what_they_cannot_answer(
    stack: EventsStack, tokens: Tokens
) -> None:
    sup = {"authorization": f"Bearer {tokens.supervisor()}"}
    agent = {"authorization": f"Bearer {tokens.agent('ann')}"}
    with httpx.Client(base_url=stack.base_url, timeout=30) as http:
        assert http.get("/stats", headers=agent).status_code == 403
        assert http.get("/transfers/export", headers=agent).status_code == 403
        for query in (
            {"from": "2026-03-02T10:00:00Z", "to": "2026-03-02T09:00:00Z"},
            {"from": "2026-01-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "bucket": "hour"},
            {"queue": "billing", "agent": "ann"},
            {"group_by": "queue", "queue": "billing"},
            {"to": "9999-12-31T23:30:00Z"},
        ):
            res = http.get("/stats", params=query, headers=sup)
            assert res.status_code == 400, (query, res.text)
            assert res.headers["content-type"].startswith("application/problem+json")
        res = http.get("/stats", params={"bucket": "week"}, headers=sup)
        assert res.status_code == 422
        long = {"from": "2026-01-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}
        assert http.get("/transfers/export", params=long, headers=sup).status_code == 400
