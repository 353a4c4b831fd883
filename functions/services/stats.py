"""KPIs: the stream consumer that keeps the counters (domain/stats.py says what each change
adds), the reports of GET /stats (a sum of counter items: O(hours or days), never the
transfers), and GET /transfers/export's CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from functions.domain import stats as rules
from functions.domain.errors import BadRequest
from functions.domain.models.stats import (
    Bucket,
    Figures,
    Group,
    GroupBy,
    Period,
    StatsReport,
    figures,
    merge,
)
from functions.shared import clock, metrics
from functions.shared.settings import get_settings
from functions.store.stats import StatsRepository, day_sk, hour_sk
from functions.store.stream import Change
from functions.store.transfers import get_transfers_repo

log = logging.getLogger("warm_transfer.stats")

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
MAX_DAYS = {Bucket.hour: 31, Bucket.day: 400}
EXPORT_MAX_DAYS = 31
EXPORT_MAX_ROWS = 20_000  # a Lambda response is at most 6 MB


async def count_changes(changes: list[Change], repo: StatsRepository | None = None) -> str | None:
    """Count a batch of stream changes, in order; on the first failure stop and return its
    sequence number (the mapping retries from it; what was counted is marked, so counted
    once)."""
    repo = repo or await StatsRepository.over_shared_client()
    level = get_settings().service_level_seconds
    for change in changes:
        new = change.new
        if not new or new.get("entity") != "transfer":
            continue
        try:
            tally = rules.tally(change.old, new, level)
            if tally.empty():
                continue
            names = {"queues": tally.queues, "agents": tally.agents}
            mark = (str(new["transfer_id"]), int(new["version"]))
            if await repo.count(mark, tally.at, tally.by_scope, names):
                _emit(tally)
        except Exception:
            log.exception("change not counted")
            return change.sequence
    return None


def _emit(tally: rules.Tally) -> None:
    """The same facts as EMF metrics, per queue (`all`: every transfer)."""
    wanted = {
        "entered": metrics.KPI_ENTERED,
        "accepted_in_sl": metrics.KPI_IN_SERVICE_LEVEL,
        "abandoned": metrics.KPI_ABANDONED,
    }
    for scope, amounts in tally.by_scope.items():
        if scope.startswith("agent#"):
            continue
        queue = scope.removeprefix("queue#")
        for name, metric in wanted.items():
            if amounts.get(name):
                metrics.count(metric, amounts[name], queue=queue)
        answered = amounts.get("accepted", 0) + amounts.get("unanswered", 0)
        if answered:
            metrics.count(metrics.KPI_ANSWERED_OR_NOT, answered, queue=queue)


def period(
    start: datetime | None, end: datetime | None, *, max_days: int, default_days: int = 0
) -> tuple[datetime, datetime]:
    """[start, end) on whole hours (UTC); by default today so far."""
    now = clock.now()
    try:
        end = _ceil_hour(end or now)
        start = _floor_hour(start) if start else _floor_day(now) - DAY * default_days
    except OverflowError as exc:  # an hour past year 9999
        raise BadRequest("from and to must be real times") from exc
    if start >= end:
        raise BadRequest("from must be before to")
    if end - start > DAY * max_days:
        raise BadRequest(f"at most {max_days} days at once")
    return start, end


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _floor_hour(moment: datetime) -> datetime:
    return _utc(moment).replace(minute=0, second=0, microsecond=0)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _floor_hour(moment)
    return floor if floor == _utc(moment) else floor + HOUR


def _floor_day(moment: datetime) -> datetime:
    return _floor_hour(moment).replace(hour=0)


Plan = tuple[list[datetime], list[tuple[str, str]]]


def _plan(start: datetime, end: datetime, bucket: Bucket) -> Plan:
    """The output periods' starts, and the sort-key ranges to read: for days, a whole day's
    item where the period covers it, else its hours (at most 23 at each end)."""
    if bucket is Bucket.hour:
        starts = [start + HOUR * i for i in range(int((end - start) / HOUR))]
        return starts, [(hour_sk(start), hour_sk(end - HOUR))]
    starts, ranges = [], []
    first_full = _floor_day(start) if _floor_day(start) == start else _floor_day(start) + DAY
    last_full = _floor_day(end)  # exclusive
    day = _floor_day(start)
    while day < end:
        starts.append(day)
        day += DAY
    if first_full < last_full:
        ranges.append((day_sk(first_full), day_sk(last_full - DAY)))
        if start < first_full:
            ranges.append((hour_sk(start), hour_sk(first_full - HOUR)))
        if last_full < end:
            ranges.append((hour_sk(last_full), hour_sk(end - HOUR)))
    else:  # within one day, or across one midnight
        ranges.append((hour_sk(start), hour_sk(end - HOUR)))
    return starts, ranges


def _period_of(sk: str) -> datetime:
    if sk.startswith("D#"):
        return datetime.strptime(sk[2:], "%Y-%m-%d").replace(tzinfo=UTC)
    return datetime.strptime(sk[2:], "%Y-%m-%dT%H").replace(tzinfo=UTC)


def _summarise(
    items: list[dict[str, Any]], starts: list[datetime], bucket: Bucket
) -> tuple[Figures, list[Period]]:
    per: dict[datetime, list[dict[str, Any]]] = {s: [] for s in starts}
    for item in items:
        moment = _period_of(item["sk"])
        key = _floor_day(moment) if bucket is Bucket.day else moment
        per.setdefault(key, []).append(item)
    periods = [
        Period(start=clock.iso(s), **figures(merge(per[s]))) for s in sorted(per) if s in starts
    ]
    return Figures(**figures(merge(items))), periods


async def report(
    *,
    start: datetime | None,
    end: datetime | None,
    bucket: Bucket,
    queue: str | None,
    agent: str | None,
    group_by: GroupBy | None,
    repo: StatsRepository | None = None,
) -> StatsReport:
    if queue and agent:
        raise BadRequest("queue or agent, not both: counters are kept per queue and per agent")
    if group_by and (queue or agent):
        raise BadRequest("group_by lists every queue or agent: give neither queue nor agent")
    repo = repo or await StatsRepository.over_shared_client()
    start, end = period(start, end, max_days=MAX_DAYS[bucket])
    starts, ranges = _plan(start, end, bucket)
    scope = rules.queue_scope(queue) if queue else rules.agent_scope(agent) if agent else rules.ALL
    items = await repo.ranges(scope, ranges)
    total, periods = _summarise(items, starts, bucket)
    read = len(items)
    groups = None
    if group_by is not None:
        field = "queues" if group_by is GroupBy.queue else "agents"
        keys = sorted({k for item in items for k in item.get(field) or []})
        to_scope = rules.queue_scope if group_by is GroupBy.queue else rules.agent_scope
        # Independent reads: one set of Queries per queue or agent, together.
        each = await asyncio.gather(*(repo.ranges(to_scope(key), ranges) for key in keys))
        groups = []
        for key, found in zip(keys, each, strict=True):
            read += len(found)
            g_total, g_periods = _summarise(found, starts, bucket)
            groups.append(Group(key=key, total=g_total, buckets=g_periods))
    return StatsReport(
        start=clock.iso(start),
        end=clock.iso(end),
        bucket=bucket,
        service_level_seconds=get_settings().service_level_seconds,
        total=total,
        buckets=periods,
        groups=groups,
        items_read=read,
    )


EXPORT_COLUMNS = (
    "transfer_id",
    "call_id",
    "status",
    "outcome",
    "queue",
    "from_agent",
    "to_agent",
    "priority",
    "created_at",
    "accepted_at",
    "connected_at",
    "ended_at",
    "offers",
    "reason",
)


def _row(t: dict[str, Any]) -> dict[str, Any]:
    history = t.get("history") or []
    accepted = next((h["at"] for h in history if h["status"] == "accepted"), None)
    ended = next((h["at"] for h in history if h["status"] not in ("initiated", "accepted")), None)
    row = {c: t.get(c) for c in EXPORT_COLUMNS}
    row |= {"accepted_at": accepted, "ended_at": ended, "offers": len(t.get("offers") or [])}
    return {k: ("" if v is None else _safe(str(v))) for k, v in row.items()}


def _safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is quoted as text (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


async def export(start: datetime | None, end: datetime | None) -> str:
    """The transfers initiated in [from, to), oldest first, as CSV (at most a month, and
    EXPORT_MAX_ROWS rows: more is refused, so a file is never silently cut)."""
    start, end = period(start, end, max_days=EXPORT_MAX_DAYS)
    repo = await get_transfers_repo()
    found = await repo.created_between(clock.iso(start), clock.iso(end), EXPORT_MAX_ROWS + 1)
    if len(found) > EXPORT_MAX_ROWS:
        raise BadRequest(f"more than {EXPORT_MAX_ROWS} transfers: ask for a shorter period")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in found:
        writer.writerow(_row(record.attributes))
    return out.getvalue()
