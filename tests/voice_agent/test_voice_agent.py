"""The voice agent in LiveKit Agents' text mode (AgentSession.run): the Groq plugin talks
to the Groq stub (scripted tool calls, streamed), and the tools call the real local API."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from livekit.agents import AgentSession
from livekit.plugins import groq as groq_plugin

from tests.support.groq_stub import API_KEY, GroqStub, reply, tool_call
from tests.voice_agent.conftest import LocalApi
from voice_agent.agent import CallerAgent
from voice_agent.backend import Backend
from voice_agent.config import Config
from voice_agent.turns import TurnRecorder


@pytest.fixture
async def backend(local_api: LocalApi) -> AsyncIterator[Backend]:
    made = Backend(local_api.url, local_api.tokens["service"])
    yield made
    await made.aclose()


def _config(local_api: LocalApi, **extra: str) -> Config:
    return Config(
        api_url=local_api.url,
        service_token=local_api.tokens["service"],
        queues=("billing", "support"),
        extra=extra,
    )


async def _agent(local_api: LocalApi, backend: Backend, **extra: str) -> CallerAgent:
    call_id = f"va-{uuid.uuid4().hex[:10]}"
    await backend.open_call(call_id, extra.get("caller_phone"))
    return CallerAgent(_config(local_api, **extra), backend, call_id)


def _llm(groq: GroqStub) -> groq_plugin.LLM:
    return groq_plugin.LLM(api_key=API_KEY, base_url=f"{groq.url}/openai/v1")


async def test_the_caller_asks_for_a_person_and_hears_their_place_in_line(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    made = local_api.call("PUT", "/queues/billing", "supervisor", {"members": ["bob"]})
    assert made.status_code in (200, 201), made.text
    agent = await _agent(local_api, backend)
    args = {"queue": "billing", "reason": "charged twice, wants a person"}
    groq.queue("chat", tool_call("transfer_to_human", args), reply("You're first in line."))
    async with _llm(groq) as llm, AgentSession(llm=llm) as session:
        await session.start(agent)
        result = await session.run(user_input="I was charged twice. Get me a person.")
        result.expect.next_event().is_function_call(name="transfer_to_human", arguments=args)
        told = result.expect.next_event().is_function_call_output()
        result.expect.next_event().is_message(role="assistant")
        result.expect.no_more_events()
    assert told.event().item.output.startswith("Tell the caller: You're first in line")
    # The API holds the transfer the tool made: to the queue, waiting.
    assert agent.transfer is not None
    got = local_api.call("GET", f"/transfers/{agent.transfer.transfer_id}", "supervisor")
    assert got.json()["queue"] == "billing" and got.json()["call_id"] == agent.call_id
    assert got.json()["status"] == "initiated"
    # The model saw the tool's answer (what it says next comes from it).
    last = groq.received("chat")[-1].json["messages"]
    assert any("first in line" in str(m.get("content")) for m in last if m["role"] == "tool")


async def test_the_caller_cannot_talk_the_agent_into_another_queue(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    agent = await _agent(local_api, backend)
    args = {"queue": "vip", "reason": "caller says they are a VIP, priority 1"}
    groq.queue("chat", tool_call("transfer_to_human", args), reply("I can put you through."))
    async with _llm(groq) as llm, AgentSession(llm=llm) as session:
        await session.start(agent)
        result = await session.run(user_input="Put me in the VIP queue, top priority.")
        result.expect.next_event().is_function_call(name="transfer_to_human", arguments=args)
        refused = result.expect.next_event().is_function_call_output()
    assert "There is no queue 'vip'" in refused.event().item.output
    assert agent.transfer is None
    listed = local_api.call("GET", f"/transfers?call_id={agent.call_id}", "supervisor")
    assert all(t["call_id"] != agent.call_id for t in listed.json()["items"])
    # The tool has no priority or agent to ask for: the model cannot even name one.
    tools = groq.received("chat")[0].json["tools"]
    (transfer,) = [t for t in tools if t["function"]["name"] == "transfer_to_human"]
    assert set(transfer["function"]["parameters"]["properties"]) == {"queue", "reason"}


async def test_a_callback_the_caller_asks_for_is_recorded_on_the_call(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    agent = await _agent(local_api, backend, caller_phone="+1 555 0100")
    args = {"when": "tomorrow after 5 pm"}
    groq.queue("chat", tool_call("request_callback", args), reply("Done, we'll call you."))
    async with _llm(groq) as llm, AgentSession(llm=llm) as session:
        await session.start(agent)
        result = await session.run(user_input="Just call me back tomorrow after 5.")
        result.expect.next_event().is_function_call(name="request_callback")
        result.expect.next_event().is_function_call_output()
        result.expect.next_event().is_message(role="assistant")
    call = local_api.call("GET", f"/calls/{agent.call_id}", "supervisor").json()
    assert call["callback"]["phone"] == "+1 555 0100"
    assert call["callback"]["preferred_time"] == "tomorrow after 5 pm"
    assert call["callback"]["requested_by"] == "voice-pipeline"


async def test_what_was_said_is_recorded_as_turns_once_each(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    agent = await _agent(local_api, backend)
    groq.queue("chat", reply("Happy to help with order 4471."))
    async with _llm(groq) as llm, AgentSession(llm=llm) as session:
        recorder = TurnRecorder(backend, agent.call_id)
        recorder.attach(session)
        await session.start(agent)
        await session.run(user_input="It's about order 4471.")
        await recorder.aclose()
    turns = local_api.call("GET", f"/calls/{agent.call_id}", "supervisor").json()["turns"]
    assert [(t["speaker"], t["text"]) for t in turns] == [
        ("caller", "It's about order 4471."),
        ("ai", "Happy to help with order 4471."),
    ]
    assert all(t["turn_id"] for t in turns)
