"""Every final caller transcript and every reply, recorded as turns: queued as said, written
in batches by a background task (speech never waits on the API), each with a turn_id so a
retried batch is stored once."""

from __future__ import annotations

import asyncio
import contextlib
import uuid

from livekit.agents import AgentSession, ConversationItemAddedEvent
from livekit.agents.llm import ChatMessage

from voice_agent.backend import Backend

SPEAKERS = {"user": "caller", "assistant": "ai"}


class TurnRecorder:
    def __init__(self, backend: Backend, call_id: str, *, batch: int = 20) -> None:
        self._backend, self._call_id, self._batch = backend, call_id, batch
        self._queue: asyncio.Queue[tuple[str, str, str]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def attach(self, session: AgentSession) -> None:
        session.on("conversation_item_added", self._added)
        self._task = asyncio.create_task(self._write())

    def _added(self, event: ConversationItemAddedEvent) -> None:
        item = event.item
        if not isinstance(item, ChatMessage) or item.role not in SPEAKERS:
            return
        text = (item.text_content or "").strip()
        if text:
            self._queue.put_nowait((uuid.uuid4().hex, SPEAKERS[item.role], text))

    async def _write(self) -> None:
        while True:
            turns = [await self._queue.get()]
            while not self._queue.empty() and len(turns) < self._batch:
                turns.append(self._queue.get_nowait())
            await self._backend.record_turns(self._call_id, turns)
            for _ in turns:
                self._queue.task_done()

    async def aclose(self) -> None:
        """Write what is queued, then stop."""
        await self._queue.join()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
