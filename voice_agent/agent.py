"""The caller's agent: talks with the caller, hands the call to a queue of humans, says
where the caller is in line, and offers a callback when nobody takes it."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterable

from livekit.agents import Agent, APIError, ModelSettings, RunContext, function_tool, llm

from voice_agent.backend import ApiError, Backend, Waiting
from voice_agent.config import Config

log = logging.getLogger("voice_agent.agent")

ORDINALS = ("first", "second", "third", "fourth", "fifth")
# Ends of a transfer where nobody took the caller: the agent comes back and offers a callback.
UNTAKEN = {"no_agent", "no_answer", "cancelled", "expired"}
GROQ_FAILED_LINE = "Sorry, let me get you to a colleague."


def waiting_words(w: Waiting) -> str:
    """What the caller hears while the transfer waits ("You're second in line, about a minute.")."""
    if w.position is None:
        where = "You're in line for a colleague"
    else:
        place = ORDINALS[w.position - 1] if w.position <= len(ORDINALS) else f"number {w.position}"
        where = f"You're {place} in line"
    seconds = w.estimated_wait_seconds
    if seconds is None:
        return f"{where}."
    minutes = max(1, round(seconds / 60))
    about = "about a minute" if minutes == 1 else f"about {minutes} minutes"
    return f"{where}, {about}."


def outcome_words(w: Waiting) -> str:
    """The end of a transfer, in plain words, for the model to say."""
    if w.status == "completed":
        return "A colleague has taken the call."
    return (
        "Nobody could take the call right now. Tell the caller so plainly and offer a callback; "
        "if they want one, call request_callback."
    )


class CallerAgent(Agent):
    def __init__(self, config: Config, backend: Backend, call_id: str) -> None:
        queues = ", ".join(config.queues)
        super().__init__(instructions=f"{config.instructions}\nQueues: {queues}.")
        self.config = config
        self._backend = backend
        self.call_id = call_id
        self.transfer: Waiting | None = None
        self.handover: asyncio.Task[None] | None = None  # to a person, when the model failed

    @function_tool
    async def transfer_to_human(self, context: RunContext, queue: str, reason: str) -> str:
        """Hand the caller to a human colleague.

        Args:
            queue: The queue that fits the caller's need (one of the configured queues).
            reason: Why the caller needs a person, in one sentence.
        """
        if queue not in self.config.queues:
            # The caller cannot talk their way into another queue.
            return f"There is no queue {queue!r}; use one of: {', '.join(self.config.queues)}."
        try:
            self.transfer = await self._backend.transfer_to_queue(self.call_id, queue, reason)
        except ApiError as exc:
            log.warning("transfer refused", extra={"status": exc.status})
            return "The transfer could not be started; apologise and offer a callback."
        return f"Tell the caller: {waiting_words(self.transfer)}"

    @function_tool
    async def request_callback(
        self, context: RunContext, phone: str | None = None, when: str | None = None
    ) -> str:
        """Record that the caller wants to be called back.

        Args:
            phone: The number to call; none: the number they are calling from.
            when: When they would like the call, in their words.
        """
        number = phone or self.config.extra.get("caller_phone")
        if not number:
            return "Ask the caller for the number to call back."
        try:
            await self._backend.request_callback(self.call_id, number, when)
        except ApiError:
            return "The callback could not be recorded; apologise and ask them to call again."
        return f"Callback recorded for {number}. Confirm it to the caller."

    async def llm_node(
        self, chat_ctx: llm.ChatContext, tools: list[llm.Tool], model_settings: ModelSettings
    ) -> AsyncIterable[llm.ChatChunk | str]:
        """The model's reply; when Groq fails (after the session's retries), a fixed line
        instead of dead air, and the caller goes to a person (the API writes the offline
        briefing when it cannot reach Groq either)."""
        try:
            async for chunk in Agent.default.llm_node(self, chat_ctx, tools, model_settings):
                yield chunk
        except APIError:
            log.warning("the model failed: handing the caller to a person", exc_info=True)
            if self.transfer is None and self.handover is None:
                # Started before the line is said: the line must not wait on the API.
                self.handover = asyncio.create_task(self._hand_over())
            yield GROQ_FAILED_LINE

    async def _hand_over(self) -> None:
        try:
            self.transfer = await self._backend.transfer_to_queue(
                self.call_id, self.config.queues[0], "the voice agent's language model failed"
            )
        except ApiError as exc:
            log.error("no hand-over after the model failed", extra={"status": exc.status})

    async def follow(self, poll_seconds: float) -> Waiting:
        """Read the waiting transfer until it ends or is accepted (a bounded poll: every
        `poll_seconds`, so the caller hears a move within that)."""
        assert self.transfer is not None
        while True:
            current = await self._backend.transfer(self.transfer.transfer_id)
            self.transfer = current
            if current.status != "initiated":
                return current
            await asyncio.sleep(poll_seconds)


def new_turn_id() -> str:
    return uuid.uuid4().hex
