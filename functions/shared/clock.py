"""Timestamps: ISO 8601 UTC, fixed width, so they sort as strings in DynamoDB keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def epoch_after(moment: datetime, days: int) -> int:
    """A DynamoDB TTL value (epoch seconds) `days` after `moment`."""
    return int((moment + timedelta(days=days)).timestamp())
