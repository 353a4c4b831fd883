"""KPI rules: what one change of a transfer adds to the counters, and the figures a sum of
counters gives (service level, abandonment, latency percentiles).

Latencies go into fixed logarithmic buckets, 8 per doubling from 0.1 s: bucket i holds
(0.1 * 2^((i-1)/8), 0.1 * 2^(i/8)] seconds, bucket 0 everything up to 0.1 s. Buckets of
any hours and scopes add up (a histogram is mergeable), and a percentile is the upper
bound of the bucket its rank falls in: the exact value is at most one bucket's width
below it, i.e. within 8.3 % (1 - 2^(-1/8)) of the reported figure, or 0.1 s below 0.1 s.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from functions.domain.models.transfer import OfferOutcome
from functions.shared import clock

BUCKETS_PER_DOUBLING = 8
SMALLEST_SECONDS = 0.1
LAST_BUCKET = 240  # 0.1 s * 2^30: over three years; anything longer is counted there
# The share below a reported percentile its exact value may be (one bucket's width).
RELATIVE_WIDTH = 1 - 2 ** (-1 / BUCKETS_PER_DOUBLING)

TIME_TO_ACCEPT = "tta"
TIME_TO_CONNECT = "ttc"
# Counted as such; `entered` is transfers that entered (a queue, on overflow too),
# `unanswered` those that ended while still initiated (never accepted), `accepted_in_sl`
# those accepted within the service level.
COUNTS = (
    "entered",
    "offered",
    "accepted",
    "declined",
    "offer_timed_out",
    "completed",
    "cancelled",
    "abandoned",
    "no_agent",
    "no_answer",
    "transferred_out",
    "unanswered",
    "accepted_in_sl",
)
ALL = "all"


def queue_scope(queue: str) -> str:
    return f"queue#{queue}"


def agent_scope(agent: str) -> str:
    return f"agent#{agent}"


def bucket_of(seconds: float) -> int:
    if seconds <= SMALLEST_SECONDS:
        return 0
    index = math.ceil(BUCKETS_PER_DOUBLING * math.log2(seconds / SMALLEST_SECONDS) - 1e-9)
    return min(max(index, 1), LAST_BUCKET)


def bucket_upper(index: int) -> float:
    return SMALLEST_SECONDS * 2 ** (index / BUCKETS_PER_DOUBLING)


def histogram_key(name: str, index: int) -> str:
    return f"{name}_{index:03d}"


def histogram(attributes: Mapping[str, Any], name: str) -> dict[int, int]:
    prefix = f"{name}_"
    return {
        int(k[len(prefix) :]): int(v)
        for k, v in attributes.items()
        if k.startswith(prefix) and k[len(prefix) :].isdigit() and int(v)
    }


def percentile(buckets: Mapping[int, int], p: float) -> float | None:
    """Nearest rank: the upper bound of the bucket holding the ceil(p/100 * n)-th value."""
    total = sum(buckets.values())
    if not total:
        return None
    rank = max(1, math.ceil(p / 100 * total - 1e-9))
    seen = 0
    for index in sorted(buckets):
        seen += buckets[index]
        if seen >= rank:
            return round(bucket_upper(index), 3)
    return round(bucket_upper(max(buckets)), 3)


@dataclass
class Tally:
    """What one change adds: per scope, counter name -> amount; when (its hour); the
    queues and agents it names (kept with the `all` counters, for ?group_by=)."""

    at: datetime
    by_scope: dict[str, Counter[str]] = field(default_factory=dict)
    queues: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)

    def add(self, name: str, queue: str | None, agent: str | None, amount: int = 1) -> None:
        scopes = [ALL]
        if queue:
            scopes.append(queue_scope(queue))
            self.queues.add(queue)
        if agent:
            scopes.append(agent_scope(agent))
            self.agents.add(agent)
        for scope in scopes:
            self.by_scope.setdefault(scope, Counter())[name] += amount

    def empty(self) -> bool:
        return not self.by_scope


def _seconds(start: str, end: str) -> float:
    return (clock.parse(end) - clock.parse(start)).total_seconds()


def tally(
    old: Mapping[str, Any] | None, new: Mapping[str, Any], service_level_seconds: float
) -> Tally:
    """The counters one stream record of a transfer (plain images) adds. A change keeps
    the version when only the LiveKit step's record changed: it adds nothing."""
    result = Tally(clock.parse(new["updated_at"]))
    if old is not None and old.get("version") == new.get("version"):
        return result
    queue, agent = new.get("queue"), new.get("to_agent")
    if old is None:
        result.add("entered", queue, agent)
    elif new.get("step") == "overflowed" and queue and queue != old.get("queue"):
        result.add("entered", queue, None)  # per queue only: the transfer entered once
    before = list((old or {}).get("offers") or [])
    for i, offer in enumerate(new.get("offers") or []):
        earlier = before[i] if i < len(before) else None
        if earlier is None:
            result.add("offered", queue, offer["agent"])
        if (earlier or {}).get("outcome") is None and offer.get("outcome") in (
            OfferOutcome.declined,
            OfferOutcome.timed_out,
        ):
            name = "declined" if offer["outcome"] == OfferOutcome.declined else "offer_timed_out"
            result.add(name, queue, offer["agent"])
    was, now = (old or {}).get("status"), new["status"]
    if now != was and now == "accepted":
        waited = _seconds(new["created_at"], new["updated_at"])
        result.add("accepted", queue, agent)
        result.add(histogram_key(TIME_TO_ACCEPT, bucket_of(waited)), queue, agent)
        if waited <= service_level_seconds:
            result.add("accepted_in_sl", queue, agent)
    if now != was and now not in ("initiated", "accepted"):
        outcome = new.get("outcome") or ("no_answer" if now == "expired" else now)
        if outcome in COUNTS:
            result.add(outcome, queue, agent)
        if was == "initiated":
            result.add("unanswered", queue, agent)
    connected = new.get("connected_at")
    if connected and not (old or {}).get("connected_at"):
        took = _seconds(new["created_at"], connected)
        result.add(histogram_key(TIME_TO_CONNECT, bucket_of(took)), queue, agent)
    return result
