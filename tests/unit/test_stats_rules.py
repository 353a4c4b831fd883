"""The KPI histogram's promise: a reported percentile is at most one bucket above the exact
one; and what a change of a transfer adds to the counters."""

from __future__ import annotations

import math
import random

from functions.domain import stats


def test_every_value_lies_within_its_bucket_and_percentiles_within_one_bucket() -> None:
    rng = random.Random(5)
    values = [rng.lognormvariate(2.5, 1.2) for _ in range(2000)] + [0.05, 0.1, 1.0, 20.0]
    for v in values:
        upper = stats.bucket_upper(stats.bucket_of(v))
        assert v <= upper + 1e-9
        assert v > upper * 2 ** (-1 / 8) - 1e-9 or upper == stats.SMALLEST_SECONDS
    buckets: dict[int, int] = {}
    for v in values:
        buckets[stats.bucket_of(v)] = buckets.get(stats.bucket_of(v), 0) + 1
    ordered = sorted(values)
    for p in (50, 90, 99):
        exact = ordered[math.ceil(p / 100 * len(ordered)) - 1]
        reported = stats.percentile(buckets, p)
        assert reported is not None
        assert reported * (1 - stats.RELATIVE_WIDTH) - 1e-3 <= exact <= reported + 1e-3


def _transfer(**fields: object) -> dict[str, object]:
    base = {
        "transfer_id": "t1",
        "status": "initiated",
        "version": 1,
        "created_at": "2026-03-02T08:00:00.000000Z",
        "updated_at": "2026-03-02T08:00:00.000000Z",
        "queue": "billing",
        "offers": [],
    }
    return base | fields


def test_a_decline_then_an_accept_in_time_count_once_each_where_they_happened() -> None:
    offered = _transfer(
        version=2,
        updated_at="2026-03-02T08:00:01.000000Z",
        offers=[{"agent": "ann", "offered_at": "2026-03-02T08:00:01.000000Z"}],
    )
    first = stats.tally(_transfer(), offered, 20)
    assert first.by_scope["agent#ann"] == {"offered": 1}
    declined = offered | {
        "version": 3,
        "offers": [offered["offers"][0] | {"outcome": "declined"}],  # type: ignore[index]
    }
    assert stats.tally(offered, declined, 20).by_scope["queue#billing"] == {"declined": 1}
    accepted = declined | {
        "version": 4,
        "status": "accepted",
        "to_agent": "ben",
        "updated_at": "2026-03-02T08:00:15.000000Z",
    }
    got = stats.tally(declined, accepted, 20).by_scope["agent#ben"]
    assert got["accepted"] == 1 and got["accepted_in_sl"] == 1
    assert got[stats.histogram_key(stats.TIME_TO_ACCEPT, stats.bucket_of(15.0))] == 1
    # The LiveKit step's record keeps the version: nothing more.
    assert stats.tally(accepted, accepted | {"media_status": {}}, 20).empty()
