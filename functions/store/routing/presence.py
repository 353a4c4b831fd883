"""Agents' presence: one item per agent (what it chose, its open transfer and offer, its
wrap-up, its open console sockets). Routing reads a status from it (domain/routing.py); the
writes here are conditional where two requests could race for the same agent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from functions.store.base import Repository, guard
from functions.store.table import keys, paging
from functions.store.table.codec import from_wire, value

# An offer a crash left on the record stops counting this long after the offer's end (the
# timer's own grace, and a little more).
OFFER_SLACK_SECONDS = 5


class PresenceRepository(Repository):
    def key(self, agent: str) -> dict[str, Any]:
        return self._keys.key(keys.presence_pk(agent), keys.PRESENCE)

    def _plain(self, wire: Mapping[str, Any]) -> dict[str, Any]:
        item = self._keys.strip(from_wire(wire))
        item["connections"] = sorted(item.get("connections") or [])
        return item

    def _identity(
        self, agent: str, *, chosen: str | None = None, reset_missed: bool = False
    ) -> tuple[list[str], dict[str, str], dict[str, Any]]:
        """SET clauses that make a new record whole (entity, list keys) with the agent's
        choice (`chosen`, else kept: available for a new record) and its missed offers
        (`reset_missed`: back to 0, else kept: 0 for a new record)."""
        k = self._keys
        names = {"#e": keys.ENTITY, "#kh": k.created.hash_key, "#kr": k.created.range_key}
        names |= {"#agent": "agent", "#chosen": "chosen", "#missed": "missed_offers"}
        values = {":e": value("presence"), ":kh": value(keys.PRESENCE), ":agent": value(agent)}
        values |= {":chosen": value(chosen or "available"), ":zero": value(0)}
        sets = ["#e = :e", "#kh = :kh", "#kr = :agent", "#agent = :agent"]
        sets.append("#chosen = :chosen" if chosen else "#chosen = if_not_exists(#chosen, :chosen)")
        sets.append(
            "#missed = :zero" if reset_missed else "#missed = if_not_exists(#missed, :zero)"
        )
        return sets, names, values

    async def _update(
        self,
        agent: str,
        update: str,
        names: dict[str, str],
        values: dict[str, Any],
        condition: str | None = None,
    ) -> dict[str, Any] | None:
        """One update; None when its condition failed."""
        params: dict[str, Any] = {
            "TableName": self._table,
            "Key": self.key(agent),
            "UpdateExpression": update,
            "ExpressionAttributeNames": names,
            "ReturnValues": "ALL_NEW",
        }
        if values:
            params["ExpressionAttributeValues"] = values
        if condition:
            params["ConditionExpression"] = condition
        async with guard():
            try:
                out = await self._db.update_item(**params)
            except self._db.exceptions.ConditionalCheckFailedException:
                return None
        return self._plain(out["Attributes"])

    async def get(self, agent: str) -> dict[str, Any] | None:
        async with guard():
            got = await self._db.get_item(
                TableName=self._table, Key=self.key(agent), ConsistentRead=True
            )
        return self._plain(got["Item"]) if "Item" in got else None

    async def many(self, agents: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The records of these agents that exist, by agent (one BatchGetItem per 100)."""
        wanted = [self.key(a) for a in sorted(set(agents))]
        if not wanted:
            return {}
        async with guard():
            found = await paging.batch_get(self._db, self._table, wanted, projection=None)
        return {p["agent"]: p for p in (self._plain(i) for i in found)}

    async def all(self) -> list[dict[str, Any]]:
        created = self._keys.created
        params = {
            "TableName": self._table,
            "IndexName": created.name,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": created.hash_key},
            "ExpressionAttributeValues": {":h": {"S": keys.PRESENCE}},
        }
        async with guard():
            found, _ = await paging.query(self._db, params)
        return [self._plain(i) for i in found]

    async def choose(self, agent: str, chosen: str, now: str) -> dict[str, Any]:
        """The agent's own choice: available or away (a choice clears a missed-offers away)."""
        sets, names, values = self._identity(agent, chosen=chosen, reset_missed=True)
        sets.append("#since = :now")
        names |= {"#since": "since", "#why": "away_reason"}
        values[":now"] = value(now)
        made = await self._update(agent, "SET " + ", ".join(sets) + " REMOVE #why", names, values)
        assert made is not None
        return made

    async def set_phone(self, agent: str, phone: str | None, dtmf: str | None) -> dict[str, Any]:
        """The phone to ring while the agent's console is closed (None: none)."""
        sets, names, values = self._identity(agent)
        names |= {"#phone": "phone", "#dtmf": "phone_dtmf"}
        removes = [n for n, v in (("#phone", phone), ("#dtmf", dtmf)) if v is None]
        if phone is not None:
            sets.append("#phone = :phone")
            values[":phone"] = value(phone)
        if dtmf is not None:
            sets.append("#dtmf = :dtmf")
            values[":dtmf"] = value(dtmf)
        update = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
        made = await self._update(agent, update, names, values)
        assert made is not None
        return made

    async def connect(
        self, agent: str, connection_id: str, queues: list[str], now: str
    ) -> dict[str, Any]:
        """A console socket opened: the agent is online (since now, if it was not)."""
        sets, names, values = self._identity(agent)
        sets += ["#queues = :queues", "#since = if_not_exists(#since, :now)"]
        names |= {"#queues": "queues", "#since": "since", "#conns": "connections"}
        values |= {":queues": value(queues), ":now": value(now), ":c": {"SS": [connection_id]}}
        update = "SET " + ", ".join(sets) + " ADD #conns :c"
        made = await self._update(agent, update, names, values)
        assert made is not None
        if made["connections"] == [connection_id]:  # it was offline until now
            made = await self.touch(agent, now) or made
        return made

    async def disconnect(self, agent: str, connection_id: str, now: str) -> dict[str, Any] | None:
        """A console socket closed (or was found gone); offline since now if it was the last."""
        made = await self._update(
            agent,
            "DELETE #conns :c",
            {"#conns": "connections", "#pk": self._keys.pk},
            {":c": {"SS": [connection_id]}},
            "attribute_exists(#pk)",
        )
        if made is not None and not made["connections"]:
            made = await self.touch(agent, now) or made
        return made

    async def touch(self, agent: str, now: str) -> dict[str, Any] | None:
        """Its status changed without a choice (came online, went offline): since now."""
        return await self._update(
            agent,
            "SET #since = :now",
            {"#since": "since", "#pk": self._keys.pk},
            {":now": value(now)},
            "attribute_exists(#pk)",
        )

    def reserve(
        self, agent: str, transfer_id: str, offer_until: str, now: str, *, requires_socket: bool
    ) -> dict[str, Any]:
        """A transaction's update that gives the agent an offer if it can take one now:
        available by choice (an agent never seen is), on no transfer, out of wrap-up,
        holding no live offer (and online, where presence needs a socket):
        domain/routing.py's can_be_offered, as a condition."""
        condition = (
            "(attribute_not_exists(#chosen) OR #chosen = :chosen)"  # :chosen is "available"
            " AND attribute_not_exists(#current)"
            " AND (attribute_not_exists(#wrap) OR #wrap <= :now)"
            " AND (attribute_not_exists(#offer) OR #until <= :now)"
        )
        if requires_socket:
            condition += " AND attribute_exists(#conns)"
        sets, names, values = self._identity(agent)
        sets += ["#offer = :t", "#until = :until"]
        names |= {"#current": "current_transfer_id", "#wrap": "wrap_up_until"}
        names |= {"#offer": "offer", "#until": "offer_until"}
        if requires_socket:
            names["#conns"] = "connections"
        values |= {":t": value(transfer_id), ":until": value(offer_until), ":now": value(now)}
        return {
            "TableName": self._table,
            "Key": self.key(agent),
            "UpdateExpression": "SET " + ", ".join(sets),
            "ConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
        }

    def take(self, agent: str, transfer_id: str, now: str) -> dict[str, Any]:
        """A transaction's update: the agent is on this transfer now (busy), its offer done."""
        sets, names, values = self._identity(agent, reset_missed=True)
        sets += ["#current = :t", "#since = :now"]
        names |= {"#current": "current_transfer_id", "#since": "since"}
        names |= {"#offer": "offer", "#until": "offer_until"}
        values |= {":t": value(transfer_id), ":now": value(now)}
        return {
            "TableName": self._table,
            "Key": self.key(agent),
            "UpdateExpression": "SET " + ", ".join(sets) + " REMOVE #offer, #until",
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
        }

    async def take_now(self, agent: str, transfer_id: str, now: str) -> None:
        """The same, alone (an agent accepting a transfer addressed to it by name)."""
        update = self.take(agent, transfer_id, now)
        await self._update(
            agent,
            update["UpdateExpression"],
            update["ExpressionAttributeNames"],
            update["ExpressionAttributeValues"],
        )

    async def release(
        self, agent: str, transfer_id: str, *, missed: bool, missed_limit: int, now: str
    ) -> dict[str, Any] | None:
        """The agent's offer of this transfer is over (taken elsewhere, declined, withdrawn or
        run out: `missed`). After `missed_limit` offers in a row run out the agent is set
        away, as Twilio Flex does, so a queue stops offering to an empty chair. None if the
        agent held no offer of this transfer."""
        names = {"#offer": "offer", "#until": "offer_until", "#missed": "missed_offers"}
        values: dict[str, Any] = {":t": value(transfer_id)}
        if missed:
            update = "REMOVE #offer, #until ADD #missed :one"
            values[":one"] = value(1)
        else:
            update = "REMOVE #offer, #until SET #missed = :zero"
            values[":zero"] = value(0)
        made = await self._update(agent, update, names, values, "#offer = :t")
        if made is None or not missed or made.get("missed_offers", 0) < missed_limit:
            return made
        away = await self._update(
            agent,
            "SET #chosen = :away, #why = :why, #since = :now, #missed = :zero",
            {
                "#chosen": "chosen",
                "#why": "away_reason",
                "#since": "since",
                "#missed": "missed_offers",
            },
            {
                ":away": value("away"),
                ":why": value("missed_offers"),
                ":now": value(now),
                ":zero": value(0),
                ":limit": value(missed_limit),
            },
            "#missed >= :limit",
        )
        return away or made

    async def end_transfer(
        self, agent: str, transfer_id: str, wrap_up_until: str | None, now: str
    ) -> dict[str, Any] | None:
        """The agent's transfer ended: wrap-up until `wrap_up_until` (None: none), then free.
        None if the record did not hold this transfer."""
        sets = ["#last = :now", "#since = :now"]
        names = {"#current": "current_transfer_id", "#last": "last_ended_at", "#since": "since"}
        values = {":t": value(transfer_id), ":now": value(now)}
        if wrap_up_until is not None:
            sets.append("#wrap = :wrap")
            names["#wrap"] = "wrap_up_until"
            values[":wrap"] = value(wrap_up_until)
        update = "SET " + ", ".join(sets) + " REMOVE #current"
        return await self._update(agent, update, names, values, "#current = :t")

    async def end_wrap_up(self, agent: str, until: str) -> dict[str, Any] | None:
        """The wrap-up that was to end at `until` is over (None: a later one replaced it)."""
        return await self._update(
            agent,
            "SET #since = :u REMOVE #wrap",
            {"#since": "since", "#wrap": "wrap_up_until"},
            {":u": value(until)},
            "#wrap = :u",
        )


async def get_presence_repo() -> PresenceRepository:
    return await PresenceRepository.over_shared_client()
