"""The voice agent in LiveKit Agents' text mode (AgentSession.run): the Groq plugin talks
to the Groq stub (scripted tool calls, streamed), and the tools call the real local API."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest
from livekit.agents import AgentSession, APIConnectOptions
from livekit.agents.voice.agent_session import SessionConnectOptions
from livekit.plugins import groq as groq_plugin

from tests.support.groq_stub import API_KEY, GroqStub, error, reply, tool_call
from tests.voice_agent.conftest import LocalApi
from voice_agent.agent import GROQ_FAILED_LINE, CallerAgent, outcome_words
from voice_agent.backend import Backend
from voice_agent.config import Config
from voice_agent.consult import consult_agent
from voice_agent.turns import TurnRecorder


@pytest.fixture
async def backend(local_api: LocalApi) -> AsyncIterator[Backend]:
    made = Backend(local_api.url, local_api.tokens["service"])
    yield made
    await made.aclose()


def _config(local_api: LocalApi, queue: str = "billing", **extra: str) -> Config:
    return Config(
        api_url=local_api.url,
        service_token=local_api.tokens["service"],
        queues=(queue, "support"),
        extra=extra,
    )


async def _agent(
    local_api: LocalApi, backend: Backend, queue: str = "billing", **extra: str
) -> CallerAgent:
    call_id = f"va-{uuid.uuid4().hex[:10]}"
    await backend.open_call(call_id, extra.get("caller_phone"))
    return CallerAgent(_config(local_api, queue, **extra), backend, call_id)


def _queue(local_api: LocalApi, name: str, **settings: object) -> str:
    """A new queue (its name made unique: the API is shared by the module's tests)."""
    name = f"{name}-{uuid.uuid4().hex[:6]}"
    made = local_api.call("PUT", f"/queues/{name}", "supervisor", settings)
    assert made.status_code in (200, 201), made.text
    return name


def _llm(groq: GroqStub) -> groq_plugin.LLM:
    return groq_plugin.LLM(api_key=API_KEY, base_url=f"{groq.url}/openai/v1")


async def test_the_caller_asks_for_a_person_and_hears_their_place_in_line(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    queue = _queue(local_api, "billing", members=["bob"])
    agent = await _agent(local_api, backend, queue)
    args = {"queue": queue, "reason": "charged twice, wants a person"}
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
    assert got.json()["queue"] == queue and got.json()["call_id"] == agent.call_id
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


async def test_nobody_takes_it_so_the_agent_says_so_and_records_a_callback(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    # A queue nobody is in, waiting its shortest: the transfer ends no_agent by itself.
    queue = _queue(local_api, "nights", members=[], max_wait_seconds=10)
    agent = await _agent(local_api, backend, queue, caller_phone="+1 555 0100")
    args = {"queue": queue, "reason": "wants a person"}
    groq.queue("chat", tool_call("transfer_to_human", args), reply("You're first in line."))
    async with _llm(groq) as llm, AgentSession(llm=llm) as session:
        await session.start(agent)
        await session.run(user_input="A person, please.")
        ended = await asyncio.wait_for(agent.follow(0.2), timeout=60)
        assert (ended.status, ended.outcome) == ("expired", "no_agent")
        assert "offer a callback" in outcome_words(ended)
        groq.queue("chat", tool_call("request_callback", {}), reply("We'll call you back."))
        result = await session.run(user_input="Yes, call me back on this number.")
        result.expect.next_event().is_function_call(name="request_callback")
        done = result.expect.next_event().is_function_call_output()
    assert done.event().item.output.startswith("Callback recorded for +1 555 0100")
    call = local_api.call("GET", f"/calls/{agent.call_id}", "supervisor").json()
    assert call["callback"]["phone"] == "+1 555 0100"


async def test_groq_failing_mid_call_says_a_fixed_line_and_hands_over(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    queue = _queue(local_api, "billing", members=["bob"])
    agent = await _agent(local_api, backend, queue)
    groq.always("chat", error(500, message="groq is down"))
    no_retry = SessionConnectOptions(llm_conn_options=APIConnectOptions(max_retry=0))
    async with _llm(groq) as llm, AgentSession(llm=llm, conn_options=no_retry) as session:
        await session.start(agent)
        result = await session.run(user_input="My order never came.")
        said = result.expect.next_event().is_message(role="assistant")
    assert said.event().item.text_content == GROQ_FAILED_LINE
    assert agent.handover is not None
    await agent.handover
    assert agent.transfer is not None
    got = local_api.call("GET", f"/transfers/{agent.transfer.transfer_id}", "supervisor").json()
    assert got["queue"] == queue and got["status"] == "initiated"
    assert got["briefing_provider"] == "offline"  # the API could not reach Groq either


async def test_a_whole_warm_transfer_up_to_the_agent_asking_for_the_order_number(
    local_api: LocalApi, backend: Backend, groq: GroqStub
) -> None:
    # alice: a member of no other test's queue (the API is shared), so nothing older is offered.
    queue = _queue(local_api, "billing", members=["alice"])
    agent = await _agent(local_api, backend, queue)
    said = "I was charged twice for order 4471."
    await backend.record_turns(agent.call_id, [("u1", "caller", said)])
    args = {"queue": queue, "reason": "double charge on order 4471"}
    groq.queue("chat", reply("I'm sorry. How can I help?"))
    groq.queue("chat", tool_call("transfer_to_human", args), reply("You're first in line."))
    alice = local_api.tokens["agent alice"]
    ws_url = local_api.url.replace("http://", "ws://") + f"/ws?token={alice}"
    # alice's console is open (so she is available): routing offers her the transfer.
    async with aiohttp.ClientSession() as http, http.ws_connect(ws_url) as console:
        async with _llm(groq) as llm, AgentSession(llm=llm) as session:
            await session.start(agent)
            await session.run(user_input="Hello?")
            result = await session.run(user_input="I need a person.")
            result.expect.contains_function_call(name="transfer_to_human", arguments=args)
        assert agent.transfer is not None and agent.transfer.position == 1
        tid = agent.transfer.transfer_id
        path = f"/transfers/{tid}"
        while True:
            event = await console.receive_json(timeout=30)
            data = event.get("data") or {}
            if event.get("type") == "transfer.offered" and data.get("transfer_id") == tid:
                break
        took = local_api.call("POST", f"{path}/accept", "agent alice")
        assert took.status_code == 200, took.text
        assert (await agent.follow(0.1)).status == "accepted"
    # The consult room: the briefing the API wrote is spoken to alice, word for word.
    consult = await consult_agent(backend, agent.transfer.transfer_id)
    groq.queue("chat", reply("Order 4471."))
    async with _llm(groq) as llm, AgentSession(llm=llm) as session:
        await session.start(consult)
        result = await session.run(user_input="What was the order number?")
        result.expect.next_event().is_message(role="assistant")
    spoken = [m for m in session.history.items if getattr(m, "role", None) == "assistant"]
    assert spoken[0].text_content == agent.transfer.spoken_briefing
    # The model answering alice had the caller's words (the order number) before it.
    asked = groq.received("chat")[-1].json["messages"]
    assert said in asked[0]["content"]
    assert asked[-1] == {"role": "user", "content": "What was the order number?"}
