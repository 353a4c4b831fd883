"""The lifecycle's rules as `services.transfers.move` applies them, over in-memory stores (as
cosmicpython's FakeRepository does): who may make which move, what a lost race decides, and
what a move asks of an agent's presence. The same paths run over DynamoDB (moto) in
tests/integration/; these need no server."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from functions.domain.actor import Actor
from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.lifecycle import Action
from functions.domain.models import Role
from functions.services import transfers
from functions.store.errors import ConditionFailed
from functions.store.transfers import TransferRecord

BOB, EVE = Actor("bob", Role.agent), Actor("eve", Role.agent)
SUPERVISOR = Actor("sup", Role.supervisor)


class FakeTransfers:
    """Transfers in a dict, with DynamoDB's conditional update: (status, version) must match.
    `interleave`: changes another writer lands just before the next update is checked."""

    def __init__(self, *items: dict[str, Any]) -> None:
        self.items = {i["transfer_id"]: i for i in items}
        self.interleave: list[dict[str, Any]] = []

    async def get(self, transfer_id: str) -> TransferRecord | None:
        found = self.items.get(transfer_id)
        return TransferRecord.from_item(copy.deepcopy(found)) if found else None

    async def update(
        self,
        transfer_id: str,
        *,
        expected_status: str,
        expected_version: int,
        changes: Mapping[str, Any],
        history_entry: Mapping[str, Any] | None,
        expires_at: int | None = None,
        removes: Sequence[str] = (),
        offered_to: str | None = None,
    ) -> TransferRecord:
        item = self.items[transfer_id]
        if self.interleave:
            other = self.interleave.pop(0)
            item.update(other)
            item["version"] += 1
            item["history"].append({"status": other["status"], "by": "other", "at": "t"})
        current = TransferRecord.from_item(copy.deepcopy(item))
        if (item["status"], item["version"]) != (expected_status, expected_version):
            raise ConditionFailed(current)
        item.update(changes)
        for name in removes:
            item.pop(name, None)
        item["version"] += 1
        if history_entry is not None:
            item["history"].append(dict(history_entry))
        return TransferRecord.from_item(copy.deepcopy(item))


class FakePresence:
    """Records what a move asks of agents' presence."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    async def take_now(self, agent: str, transfer_id: str, now: str) -> None:
        self.asked.append(("busy", agent))

    async def end_transfer(
        self, agent: str, transfer_id: str, wrap_up_until: str | None, now: str
    ) -> None:
        self.asked.append(("free", agent))
        return None  # the agent held no record: nothing to offer it


class FakeCalls:
    """Records who a move puts on a call or takes off it."""

    def __init__(self) -> None:
        self.holders: list[tuple[str, bool]] = []

    async def set_holder(self, call_id: str, agent: str, *, holds: bool) -> None:
        self.holders.append((agent, holds))


def _transfer(status: str = "initiated", **extra: Any) -> dict[str, Any]:
    return {
        "transfer_id": "t1",
        "call_id": "c1",
        "status": status,
        "version": 1,
        "created_at": "2999-01-01T00:00:00.000000Z",
        "updated_at": "2999-01-01T00:00:00.000000Z",
        "history": [{"status": "initiated", "by": "svc", "at": "t"}],
        "from_agent": "alice",
        "to_agent": "bob",
        "from_identity": "alice",
        "to_identity": "bob",
        "consult_room": None,
        "caller_room": None,
        "media_status": None,
        "reason": None,
        "briefing": {"headline": "h", "reason": "r", "spoken": "s"},
        "briefing_provider": "offline",
        **extra,
    }


CALLS = FakeCalls()


def _move(store: FakeTransfers, presence: FakePresence, action: Action, actor: Actor) -> Any:
    stores: dict[str, Any] = {"repo": store, "presence": presence, "calls_repo": CALLS}
    return asyncio.run(transfers.move("t1", action, actor, **stores))


def test_a_cancel_from_initiated_is_one_write_with_its_outcome() -> None:
    store, presence = FakeTransfers(_transfer()), FakePresence()
    moved = _move(store, presence, Action.cancel, SUPERVISOR)
    assert (moved.status.value, moved.outcome.value, moved.version) == ("cancelled", "cancelled", 2)
    assert [h.by for h in moved.history] == ["svc", "sup"]
    assert presence.asked == []  # nobody was on it


def test_an_agent_the_transfer_does_not_name_finds_nothing_and_an_illegal_move_is_409() -> None:
    store, presence = FakeTransfers(_transfer()), FakePresence()
    with pytest.raises(NotFound):
        _move(store, presence, Action.cancel, EVE)
    with pytest.raises(IllegalTransition) as err:
        _move(store, presence, Action.complete, BOB)
    assert err.value.extra == {"action": "complete", "current_status": "initiated"}
    assert store.items["t1"]["version"] == 1  # nothing written


def test_a_cancel_that_loses_to_an_accept_decides_again_and_frees_the_agent() -> None:
    store, presence = FakeTransfers(_transfer()), FakePresence()
    store.interleave.append({"status": "accepted"})  # bob accepts first
    moved = _move(store, presence, Action.cancel, SUPERVISOR)
    assert [h.status.value for h in moved.history] == ["initiated", "accepted", "cancelled"]
    # Cancelled from accepted: bob, who was on it, is freed and taken off the call.
    assert presence.asked == [("free", "bob")]
    assert CALLS.holders[-1] == ("bob", False)


def test_an_accept_makes_the_agent_busy() -> None:
    store, presence = FakeTransfers(_transfer()), FakePresence()
    moved = _move(store, presence, Action.accept, BOB)
    assert moved.status.value == "accepted"
    assert presence.asked == [("busy", "bob")]
