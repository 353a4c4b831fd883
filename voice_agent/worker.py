"""The worker: registers as LIVEKIT_AGENT_NAME (explicit dispatch: POST /rooms/{room}/agent,
or a SIP dispatch rule naming it) and runs one CallerAgent per job.

    python -m voice_agent.worker dev     # make agent: against LIVEKIT_URL, reloads on edits
    python -m voice_agent.worker start   # production (the Docker image)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import replace

from livekit import rtc
from livekit.agents import (
    AgentServer,
    AgentSession,
    APIConnectOptions,
    AudioConfig,
    BackgroundAudioPlayer,
    BuiltinAudioClip,
    JobContext,
    cli,
)
from livekit.agents.voice.agent_session import SessionConnectOptions
from livekit.plugins import groq, silero

from voice_agent.agent import GROQ_FAILED_LINE, UNTAKEN, CallerAgent, outcome_words, waiting_words
from voice_agent.backend import Backend
from voice_agent.config import Config
from voice_agent.consult import consult_agent
from voice_agent.turns import TurnRecorder

log = logging.getLogger("voice_agent.worker")
# The data topic the API's .../say sends on (functions/livekit/agents.py SAY_TOPIC).
SAY_TOPIC = "warm-transfer.agent.say"
config = Config.from_env()
server = AgentServer()


def _caller_phone(room: rtc.Room) -> str | None:
    """The SIP caller's number, when a SIP participant is in the room."""
    for p in room.remote_participants.values():
        if p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP:
            return p.attributes.get("sip.phoneNumber")
    return None


@server.rtc_session(agent_name=config.agent_name)
async def entry(ctx: JobContext) -> None:
    await ctx.connect()
    meta = json.loads(ctx.job.metadata or "{}")
    backend = Backend(config.api_url, config.service_token)
    ctx.add_shutdown_callback(backend.aclose)
    if meta.get("consult_transfer_id"):
        # Dispatched to a transfer's consult room: brief the receiving agent there.
        await _consult(ctx, backend, str(meta["consult_transfer_id"]))
        return
    call_id = str(meta.get("call_id") or ctx.room.name)
    phone = _caller_phone(ctx.room)
    await backend.open_call(call_id, phone)
    agent = CallerAgent(replace(config, extra={"caller_phone": phone or ""}), backend, call_id)
    session = _voice_session()
    recorder = TurnRecorder(backend, call_id)
    recorder.attach(session)

    @session.on("error")
    def _failed(event: object) -> None:
        # Groq failing mid-call: a fixed line, never dead air, then a person.
        session.say(GROQ_FAILED_LINE, allow_interruptions=False)

    await session.start(agent, room=ctx.room)

    @ctx.room.on("data_received")
    def _say(packet: rtc.DataPacket) -> None:
        # POST /rooms/{room}/agent/say: {"type": "say", "text": ...} on SAY_TOPIC.
        if packet.topic != SAY_TOPIC:
            return
        with contextlib.suppress(ValueError, AttributeError):
            message = json.loads(packet.data)
            if message.get("type") == "say" and message.get("text"):
                session.say(str(message["text"]))

    hold = BackgroundAudioPlayer()
    await hold.start(room=ctx.room, agent_session=session)
    ctx.add_shutdown_callback(recorder.aclose)
    # Kept on the context: a task nobody holds may be collected mid-call.
    ctx.proc.userdata["follow"] = asyncio.create_task(_follow_transfers(agent, session, hold))


def _voice_session() -> AgentSession:
    key = {"api_key": config.groq_api_key, "base_url": config.groq_base_url}
    return AgentSession(
        stt=groq.STT(**key),
        llm=groq.LLM(model=config.groq_model, **key),
        tts=groq.TTS(**key),
        vad=silero.VAD.load(),  # the model ships in the wheel: nothing downloads
        conn_options=SessionConnectOptions(llm_conn_options=APIConnectOptions(max_retry=1)),
    )


async def _consult(ctx: JobContext, backend: Backend, transfer_id: str) -> None:
    """Speak the briefing, answer the agent's questions, leave when the transfer ends."""
    session = _voice_session()
    await session.start(await consult_agent(backend, transfer_id), room=ctx.room)
    while True:  # a bounded poll: the room is left within poll_seconds of the end
        if (await backend.transfer(transfer_id)).status not in ("initiated", "accepted"):
            break
        await asyncio.sleep(config.poll_seconds)
    await session.aclose()
    ctx.shutdown("transfer ended")


async def _follow_transfers(
    agent: CallerAgent, session: AgentSession, hold: BackgroundAudioPlayer
) -> None:
    """While a transfer waits: hold music, and the caller told of each move of the line."""
    while True:
        await asyncio.sleep(config.poll_seconds)
        if agent.transfer is None or agent.transfer.status != "initiated":
            continue
        playing = hold.play(AudioConfig(BuiltinAudioClip.HOLD_MUSIC, volume=0.6), loop=True)
        said = waiting_words(agent.transfer)
        while agent.transfer.status == "initiated":
            current = await agent.follow(config.poll_seconds)
            if current.status == "initiated" and waiting_words(current) != said:
                said = waiting_words(current)
                session.say(said)
        playing.stop()
        if agent.transfer.status in UNTAKEN or agent.transfer.outcome in UNTAKEN:
            session.generate_reply(instructions=outcome_words(agent.transfer))


if __name__ == "__main__":
    cli.run_app(server)
