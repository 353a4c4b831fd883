"""GET /stats: the figures of a period (and of each hour or day in it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from functions.domain import stats
from functions.domain.models import Timestamp


class Bucket(StrEnum):
    hour = "hour"
    day = "day"


class GroupBy(StrEnum):
    queue = "queue"
    agent = "agent"


class Percentiles(BaseModel):
    count: int = Field(description="How many transfers were measured")
    p50: float | None = Field(None, description="Seconds (the upper bound of its bucket)")
    p90: float | None = Field(None, description="Seconds (the upper bound of its bucket)")
    p99: float | None = Field(None, description="Seconds (the upper bound of its bucket)")


class Figures(BaseModel):
    entered: int = Field(description="Transfers that entered (initiated, or overflowed in)")
    offered: int = Field(description="Offers made (one per agent offered)")
    accepted: int
    declined: int = Field(description="Offers declined")
    offer_timed_out: int = Field(description="Offers that ran out")
    completed: int
    cancelled: int
    abandoned: int = Field(description="Callers who hung up first")
    no_agent: int
    no_answer: int
    transferred_out: int
    time_to_accept: Percentiles = Field(description="From initiation to acceptance")
    time_to_connect: Percentiles = Field(
        description="From initiation to the agent reaching the caller (connected_at)"
    )
    service_level: float | None = Field(
        description="Accepted within SERVICE_LEVEL_SECONDS / (accepted + ended unanswered); "
        "none when neither happened"
    )
    abandonment_rate: float | None = Field(
        description="abandoned / entered; none when none entered"
    )


class Period(Figures):
    start: Timestamp = Field(description="The hour's or day's start (UTC)")


class Group(BaseModel):
    key: str = Field(description="The queue's name or the agent's id", examples=["billing"])
    total: Figures
    buckets: list[Period]


class StatsReport(BaseModel):
    start: Timestamp = Field(description="The period's start (UTC, on the hour)")
    end: Timestamp = Field(description="The period's end, excluded (UTC, on the hour)")
    bucket: Bucket
    service_level_seconds: int
    total: Figures
    buckets: list[Period] = Field(description="Each hour or day of the period, oldest first")
    groups: list[Group] | None = Field(None, description="With ?group_by=: one per queue or agent")
    items_read: int = Field(description="Counter items read to answer (never the transfers)")


def merge(items: Iterable[Mapping[str, Any]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for item in items:
        for name, value in item.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                total[name] += int(value)
    return total


def _percentiles(attributes: Mapping[str, Any], name: str) -> Percentiles:
    buckets = stats.histogram(attributes, name)
    return Percentiles(
        count=sum(buckets.values()),
        p50=stats.percentile(buckets, 50),
        p90=stats.percentile(buckets, 90),
        p99=stats.percentile(buckets, 99),
    )


def figures(counters: Mapping[str, int]) -> dict[str, Any]:
    def n(name: str) -> int:
        return int(counters.get(name, 0))

    answered_or_not = n("accepted") + n("unanswered")
    return {
        **{name: n(name) for name in stats.COUNTS if name not in ("unanswered", "accepted_in_sl")},
        "time_to_accept": _percentiles(counters, stats.TIME_TO_ACCEPT),
        "time_to_connect": _percentiles(counters, stats.TIME_TO_CONNECT),
        "service_level": round(n("accepted_in_sl") / answered_or_not, 4)
        if answered_or_not
        else None,
        "abandonment_rate": round(n("abandoned") / n("entered"), 4) if n("entered") else None,
    }
