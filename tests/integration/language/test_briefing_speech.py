"""A call transcribed without smart formatting, briefed by Groq (the real AsyncGroq against
the stub) through POST /initiate-transfer: Groq is given the normalised forms, the fact
check compares in them (the digits Groq writes for a number said in words are kept), and a
value the caller took back is removed even when Groq repeats it."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.support import api
from tests.support.flows import open_call
from tests.support.groq_stub import VALID_BRIEFING, GroqStub, reply_json
from tests.support.tokens import Tokens

Env = Callable[..., GroqStub]
TURNS = [
    {"speaker": "ai", "text": "what's the order number"},
    {
        "speaker": "caller",
        "text": "um my order is five five one two zero sorry no five five two one zero",
    },
    {"speaker": "ai", "text": "and a number to call you back on"},
    {"speaker": "caller", "text": "its four one five five five five zero one three four"},
]


def test_groq_reads_and_is_checked_against_the_normalised_call(
    groq_env: Env, tokens: Tokens, store_env: str
) -> None:
    stub = groq_env()
    written = {
        **VALID_BRIEFING,
        "headline": "Order 55210: call back on 4155550134",
        "key_facts": ["Order 55210", "Earlier order 55120", "Callback 4155550134"],
        "spoken": "Order 55210, call back on 4155550134.",
    }
    stub.always("chat", reply_json(written))
    open_call(tokens, "c-stt", TURNS)
    made = api.initiate({"call_id": "c-stt", "to_agent": "bob"}, token=tokens.service())
    assert made.status == 201, made.body
    assert made.json["briefing_provider"] == "groq"

    prompt = json.dumps(stub.received("chat")[-1].json["messages"])
    assert "55210" in prompt and "4155550134" in prompt  # Groq reads what a person would
    assert "55120" not in prompt and " um " not in prompt

    briefing = json.dumps(made.json["briefing"])
    assert "55210" in briefing and "4155550134" in briefing  # said in words: kept
    assert "55120" not in briefing  # taken back by the caller: removed from Groq's answer
    removed = {c["value"] for c in made.json["briefing_corrections"] if c["action"] == "removed"}
    assert "55120" in removed and "55210" not in removed
