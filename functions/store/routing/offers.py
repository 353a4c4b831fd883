"""The writes of routing that must land together: an offer (the transfer and every agent it
reserves) and an accept (the transfer and the accepting agent). One TransactWriteItems
each, so two transfers never reserve the same agent and two agents never take the same
transfer: conditions decide, no lock."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from functions.store.base import Repository, guard
from functions.store.routing.presence import PresenceRepository
from functions.store.table import keys
from functions.store.table.retry import CONDITION_FAILED, CONFLICT, cancellation_codes


@dataclass(frozen=True)
class Refused:
    """Why a transaction did not land: the transfer changed, or these agents could not be
    reserved (another offer got them first, or their status changed)."""

    transfer_changed: bool
    agents: tuple[str, ...] = ()
    conflict: bool = False  # another transaction held one of the items: try again


class OfferWrites(Repository):
    def _transfer_update(
        self,
        transfer_id: str,
        expected_version: int,
        update: tuple[str, dict[str, str], dict[str, Any]],
        condition: str,
        condition_values: Mapping[str, Any],
    ) -> dict[str, Any]:
        expression, names, values = update
        names = {**names, "#status": "status", "#version": "version"}
        values = {**values, **condition_values}
        values[":expected_version"] = {"N": str(expected_version)}
        values[":initiated"] = {"S": "initiated"}
        return {
            "TableName": self._table,
            "Key": self._keys.key(keys.transfer_pk(transfer_id), keys.TRANSFER),
            "UpdateExpression": expression,
            "ConditionExpression": "#version = :expected_version AND #status = :initiated"
            + condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
        }

    async def _transact(
        self, updates: list[dict[str, Any]], agents: Sequence[str]
    ) -> Refused | None:
        """Apply the updates (the transfer's last, `agents`' presence before it, in order)."""
        async with guard():
            try:
                await self._db.transact_write_items(TransactItems=[{"Update": u} for u in updates])
                return None
            except self._db.exceptions.TransactionCanceledException as exc:
                codes = cancellation_codes(exc)
        failed = [a for a, code in zip(agents, codes, strict=False) if code == CONDITION_FAILED]
        return Refused(
            transfer_changed=codes[-1:] == [CONDITION_FAILED],
            agents=tuple(failed),
            conflict=CONFLICT in codes,
        )

    async def offer(
        self,
        presence: PresenceRepository,
        transfer_id: str,
        expected_version: int,
        transfer_update: tuple[str, dict[str, str], dict[str, Any]],
        agents: Sequence[str],
        *,
        offer_until: str,
        now: str,
        requires_socket: bool,
    ) -> Refused | None:
        """Reserve every agent and record the offer on the transfer, if the transfer is
        still at its version, waiting, and offered to nobody."""
        reserves = [
            presence.reserve(a, transfer_id, offer_until, now, requires_socket=requires_socket)
            for a in agents
        ]
        transfer = self._transfer_update(
            transfer_id,
            expected_version,
            transfer_update,
            " AND (attribute_not_exists(#offered) OR size(#offered) = :none)",
            {":none": {"N": "0"}},
        )
        transfer["ExpressionAttributeNames"]["#offered"] = "offered_to"
        return await self._transact([*reserves, transfer], agents)

    async def accept(
        self,
        presence: PresenceRepository,
        transfer_id: str,
        expected_version: int,
        transfer_update: tuple[str, dict[str, str], dict[str, Any]],
        agent: str,
        now: str,
    ) -> Refused | None:
        """The agent takes the transfer offered to it: the transfer accepted, the agent busy."""
        transfer = self._transfer_update(
            transfer_id,
            expected_version,
            transfer_update,
            " AND contains(#offered, :agent)",
            {":agent": {"S": agent}},
        )
        transfer["ExpressionAttributeNames"]["#offered"] = "offered_to"
        return await self._transact([presence.take(agent, transfer_id, now), transfer], [agent])


async def get_offer_writes() -> OfferWrites:
    return await OfferWrites.over_shared_client()
