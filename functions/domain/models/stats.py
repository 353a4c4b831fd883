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
    """The periods a report is cut into: hours or days (UTC)."""

    hour = "hour"
    day = "day"


class GroupBy(StrEnum):
    """Report each queue, or each agent, beside the total."""

    queue = "queue"
    agent = "agent"


class Percentiles(BaseModel):
    """Nearest-rank percentiles from log buckets (8 per doubling): the exact value is at most
    8.3 % below the figure."""

    count: int = Field(description="How many transfers were measured")
    p50: float | None = Field(None, description="Seconds (the upper bound of its bucket)")
    p90: float | None = Field(None, description="Seconds (the upper bound of its bucket)")
    p99: float | None = Field(None, description="Seconds (the upper bound of its bucket)")


class Figures(BaseModel):
    """Counts and KPIs of a period (and scope)."""

    entered: int = Field(description="Transfers that entered (initiated, or overflowed in)")
    offered: int = Field(description="Offers made (one per agent offered)")
    accepted: int = Field(description="Transfers accepted")
    declined: int = Field(description="Offers declined")
    offer_timed_out: int = Field(description="Offers that ran out")
    completed: int = Field(description="Transfers that ended completed")
    cancelled: int = Field(description="Transfers called off")
    abandoned: int = Field(description="Callers who hung up first")
    no_agent: int = Field(description="Transfers that ended with nobody to offer them to")
    no_answer: int = Field(description="Transfers offered, or expired, never accepted")
    transferred_out: int = Field(description="Transfers handed to a number outside")
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
    """One hour or day of the period."""

    start: Timestamp = Field(description="The hour's or day's start (UTC)")


class Group(BaseModel):
    """One queue's or agent's figures."""

    key: str = Field(description="The queue's name or the agent's id", examples=["billing"])
    total: Figures = Field(description="Its whole period")
    buckets: list[Period] = Field(description="Each hour or day of the period, oldest first")


class StatsReport(BaseModel):
    """GET /stats: a period's figures from the counters the stream keeps."""

    start: Timestamp = Field(description="The period's start (UTC, on the hour)")
    end: Timestamp = Field(description="The period's end, excluded (UTC, on the hour)")
    bucket: Bucket = Field(description="How the period is cut")
    service_level_seconds: int = Field(
        description="Accepted within this many seconds counts toward service_level"
    )
    total: Figures = Field(description="The whole period")
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
