"""KPI counters: per scope (all, a queue, an agent) and hour, and the same per day, ADDed
by the stream consumer. Each counted change writes a mark in the same transaction, on
condition it is new, so a redelivered stream record adds nothing (the transaction is
refused as a whole)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from functions.shared import clock
from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, value
from functions.store.table.retry import CONDITION_FAILED, cancellation_codes

MARK_TTL_DAYS = 2  # a stream record is redelivered for at most 24 hours
STATS_ENTITY = "stats"


def hour_sk(moment: datetime) -> str:
    return keys.HOUR_PREFIX + moment.strftime("%Y-%m-%dT%H")


def day_sk(moment: datetime) -> str:
    return keys.DAY_PREFIX + moment.strftime("%Y-%m-%d")


class StatsRepository(Repository):
    def _add(
        self, scope: str, sk: str, amounts: Mapping[str, int], names: Mapping[str, Iterable[str]]
    ) -> dict[str, Any]:
        """One Update that ADDs `amounts` (numbers) and `names` (string sets) to a counter."""
        attrs: dict[str, str] = {"#e": keys.ENTITY}
        values: dict[str, Any] = {":e": value(STATS_ENTITY)}
        adds = []
        for i, (name, amount) in enumerate(sorted(amounts.items())):
            attrs[f"#n{i}"], values[f":n{i}"] = name, value(amount)
            adds.append(f"#n{i} :n{i}")
        for i, (name, members) in enumerate(sorted(names.items())):
            if members:
                attrs[f"#s{i}"], values[f":s{i}"] = name, {"SS": sorted(set(members))}
                adds.append(f"#s{i} :s{i}")
        return {
            "TableName": self._table,
            "Key": self._keys.key(keys.stats_pk(scope), sk),
            "UpdateExpression": f"SET #e = :e ADD {', '.join(adds)}",
            "ExpressionAttributeNames": attrs,
            "ExpressionAttributeValues": values,
        }

    async def count(
        self,
        mark: tuple[str, int],
        at: datetime,
        by_scope: Mapping[str, Mapping[str, int]],
        names: Mapping[str, Iterable[str]],
    ) -> bool:
        """Add one change's counters to its hour and day, once: False if `mark` (transfer,
        version) was counted before."""
        updates = []
        for scope, amounts in by_scope.items():
            extra = names if scope == "all" else {}
            for sk in (hour_sk(at), day_sk(at)):
                updates.append({"Update": self._add(scope, sk, amounts, extra)})
        k = self._keys
        mark_item = {
            k.pk: value(keys.stats_mark_pk(*mark)),
            k.sk: value(keys.STATS_MARK),
            keys.ENTITY: value("stats_mark"),
            k.ttl: value(clock.epoch_after(clock.now(), MARK_TTL_DAYS)),
        }
        put = {
            "Put": {
                "TableName": self._table,
                "Item": mark_item,
                "ConditionExpression": "attribute_not_exists(#pk)",
                "ExpressionAttributeNames": {"#pk": k.pk},
            }
        }
        async with guard():
            try:
                await self._db.transact_write_items(TransactItems=[put, *updates])
                return True
            except self._db.exceptions.TransactionCanceledException as exc:
                codes = cancellation_codes(exc)
                if codes[:1] == [CONDITION_FAILED]:
                    return False
                raise

    async def put(self, scope: str, sk: str, amounts: Mapping[str, int]) -> None:
        """Add to one counter without a mark (the benchmark's way to fill months)."""
        async with guard():
            await self._db.update_item(**self._add(scope, sk, amounts, {}))

    async def between(self, scope: str, first: str, last: str) -> list[dict[str, Any]]:
        """The counters of `scope` with sort keys first..last (inclusive): one Query."""
        params = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk AND #sk BETWEEN :a AND :b",
            "ExpressionAttributeNames": {"#pk": self._keys.pk, "#sk": self._keys.sk},
            "ExpressionAttributeValues": {
                ":pk": value(keys.stats_pk(scope)),
                ":a": value(first),
                ":b": value(last),
            },
        }
        async with guard():
            found, _ = await paging.query(self._db, params)
        return [self._keys.strip(from_wire(i)) | {"sk": i[self._keys.sk]["S"]} for i in found]

    async def ranges(self, scope: str, ranges: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        parts = await asyncio.gather(*(self.between(scope, a, b) for a, b in ranges))
        return [item for part in parts for item in part]
