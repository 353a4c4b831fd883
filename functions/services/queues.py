"""Queues as supervisors manage them (PUT, GET, list, DELETE), with what is live in each:
who waits and for how long, and its members by status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from functions.domain import routing as rules
from functions.domain.errors import Conflict, NotFound
from functions.domain.models.routing import Queue, QueueList, QueueSettings
from functions.services import routing
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.routing.presence import get_presence_repo
from functions.store.routing.queues import get_queues_repo


async def _view(queue: Mapping[str, Any]) -> Queue:
    line = await (await get_queues_repo()).line(queue["queue"])
    moment = clock.now()
    now = clock.iso(moment)
    entered = [clock.parse(t.attributes["enqueued_at"]) for t in line]
    longest = int((moment - min(entered)).total_seconds()) if entered else None
    settings = get_settings()
    found = await (await get_presence_repo()).many(routing.members(queue))
    agents: dict[str, list[str]] = {}
    for presence in routing.with_defaults(routing.members(queue), found):
        status = rules.status(presence, now, requires_socket=settings.presence_requires_socket)
        agents.setdefault(status.value, []).append(presence["agent"])
    return Queue(**queue, waiting=len(line), longest_wait_seconds=longest, agents=agents)


async def put(name: str, request: QueueSettings) -> Queue:
    if request.overflow_to == name:
        raise Conflict(f"queue {name} cannot overflow to itself")
    stored = await (await get_queues_repo()).put(
        name, request.model_dump(mode="json"), clock.iso(clock.now())
    )
    await routing.dispatch(name)  # members may be free while transfers wait
    return await _view(stored)


async def get(name: str) -> Queue:
    queue = await (await get_queues_repo()).get(name)
    if queue is None:
        raise NotFound(f"queue {name} not found")
    return await _view(queue)


async def list_all() -> QueueList:
    queues = await (await get_queues_repo()).all()
    return QueueList(items=[await _view(q) for q in sorted(queues, key=lambda q: q["queue"])])


async def delete(name: str) -> None:
    """A queue with callers waiting in it is kept (409): they would be stranded."""
    repo = await get_queues_repo()
    if await repo.line(name, limit=1):
        raise Conflict(f"queue {name} has transfers waiting: move or end them first")
    if not await repo.delete(name):
        raise NotFound(f"queue {name} not found")
