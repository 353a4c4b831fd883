"""The consult room's half of a warm transfer: the receiving agent joins, hears the
transfer's spoken briefing, and asks about the call ("what was the order number?"); the
answers come from the call's transcript, which is in the model's instructions."""

from __future__ import annotations

from livekit.agents import Agent

from voice_agent.backend import Backend

CONSULT_INSTRUCTIONS = (
    "You brief a human colleague who is about to take over a call. Answer their questions "
    "about the call briefly, only from the transcript below; say so when it does not say."
)


class ConsultAgent(Agent):
    def __init__(self, briefing: str, transcript: list[tuple[str, str]]) -> None:
        lines = "\n".join(f"{speaker}: {text}" for speaker, text in transcript)
        super().__init__(instructions=f"{CONSULT_INSTRUCTIONS}\nTranscript:\n{lines}")
        self.briefing = briefing

    async def on_enter(self) -> None:
        # The briefing as the API wrote it, word for word: not the model's retelling.
        self.session.say(self.briefing, add_to_chat_ctx=True)


async def consult_agent(backend: Backend, transfer_id: str) -> ConsultAgent:
    transfer = await backend.transfer(transfer_id)
    call_id = transfer.call_id
    return ConsultAgent(transfer.spoken_briefing, await backend.transcript(call_id))
