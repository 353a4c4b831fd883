"""Redaction at the door, through the real handlers, the store on moto and AsyncGroq
against the Groq stub: a card read out digit by digit, its code, an IBAN and a card in the
call's metadata are redacted before they are stored or sent to Groq; what Groq writes back
is redacted too; and nothing of a redacted value is anywhere afterwards: not in any item of
the table, not in any prompt Groq received, not in the logs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import boto3
import pytest

from functions.shared.settings import get_settings
from infra.local_stack import LOCAL_CREDENTIALS
from tests.support import api
from tests.support.flows import open_call
from tests.support.groq_stub import VALID_BRIEFING, GroqStub, reply, reply_json
from tests.support.tokens import Tokens

Env = Callable[..., GroqStub]
SPOKEN_CARD = "four one one one one one one one one one one one one one one one"
TURNS = [
    {"speaker": "caller", "text": "Hi, I'm Dana Reyes, account AC-991."},
    {
        "speaker": "caller",
        "text": f"my card is {SPOKEN_CARD}, security code seven three seven",
    },
    {"speaker": "caller", "text": "refund it to IBAN DE89 3704 0044 0532 0130 00 please"},
]
# Every form of every redacted value: none may be found anywhere.
RAW = [
    "4111111111111111",
    "4111 1111 1111 1111",
    "four one one one one",
    "seven three seven",
    "737",
    "DE89 3704",
    "DE89370400440532013000",
    "0532 0130",
]


def _nothing_raw(where: str, text: str) -> None:
    for value in RAW:
        # As a whole value: "737" inside a request id's hex ("f7376b38") or after a decimal
        # point (a log line's time, "19:21:19.737") is not the code.
        found = re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w-])", text)
        at = found.start() if found else -1
        assert at < 0, f"{value!r} found in {where}: ...{text[max(0, at - 300) : at + 60]}"


def _table(endpoint: str) -> str:
    db = boto3.client(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1", **LOCAL_CREDENTIALS
    )
    items = db.scan(TableName=get_settings().table_name)["Items"]
    assert items
    return json.dumps(items, ensure_ascii=False)


def test_nothing_of_a_card_an_iban_or_a_code_is_stored_sent_or_logged(
    groq_env: Env,
    tokens: Tokens,
    store_env: str,
    moto_endpoint: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stub = groq_env()
    # Groq repeats a card number it made up or was given: the briefing is redacted too.
    written = {
        **VALID_BRIEFING,
        "key_facts": ["Card 4111 1111 1111 1111 on file", "Account AC-991"],
        "spoken": "Dana Reyes, card 4111111111111111, wants a refund.",
    }
    stub.always("chat", reply_json(written))
    open_call(tokens, "c-pci", TURNS, metadata={"note": "paid with 4111-1111-1111-1111"})
    made = api.initiate({"call_id": "c-pci", "to_agent": "bob"}, token=tokens.service())
    assert made.status == 201, made.body
    assert made.json["briefing_provider"] == "groq"

    call = api.get_call("c-pci", token=tokens.supervisor())
    assert call.status == 200, call.body
    turns = call.json["turns"]
    assert [t["redactions"] for t in turns] == [[], ["card", "cvv"], ["iban"]]
    assert turns[1]["text"] == "my card is [card •••• 1111], security code [cvv]"
    assert "[iban DE •••• 3000]" in turns[2]["text"]
    assert "AC-991" in turns[0]["text"]  # an account reference is a fact the agent needs
    assert call.json["metadata"]["note"] == "paid with [card •••• 1111]"

    briefing = api.get_transfer(made.json["transfer_id"], token=tokens.agent("bob")).json
    assert "Account AC-991" in briefing["briefing"]["key_facts"]
    _nothing_raw("the briefing", json.dumps(briefing["briefing"], ensure_ascii=False))

    prompts = [json.dumps(r.json["messages"], ensure_ascii=False) for r in stub.received("chat")]
    assert prompts and "[card •••• 1111]" in prompts[-1]  # Groq hears that a card was given
    for n, prompt in enumerate(prompts):
        _nothing_raw(f"Groq prompt {n}", prompt)
    _nothing_raw("the table", _table(moto_endpoint))
    _nothing_raw("the logs", capsys.readouterr().out)


def test_a_voice_turn_is_redacted_before_groq_hears_it(
    groq_env: Env, tokens: Tokens, store_env: str, moto_endpoint: str
) -> None:
    stub = groq_env()
    stub.always("chat", reply("Thanks, I have noted it."))
    said = f"my card is {SPOKEN_CARD}"
    res = api.voice_turn({"call_id": "c-voice-pci", "text": said}, token=tokens.service())
    assert res.status == 200, res.body
    assert res.json["heard"] == "my card is [card •••• 1111]"
    for n, prompt in enumerate(stub.received("chat")):
        _nothing_raw(f"Groq prompt {n}", json.dumps(prompt.json["messages"], ensure_ascii=False))
    _nothing_raw("the table", _table(moto_endpoint))


def test_a_customer_pattern_and_the_redact_setting_apply_at_the_door(
    tokens: Tokens, store_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDACT", "iban")
    monkeypatch.setenv("REDACT_PATTERNS", json.dumps({"member_id": r"MEM-\d{6}"}))
    get_settings.cache_clear()
    open_call(
        tokens,
        "c-custom",
        [{"speaker": "caller", "text": "member MEM-123456, card 4111 1111 1111 1111"}],
    )
    (turn,) = api.get_call("c-custom", token=tokens.service()).json["turns"]
    assert turn["text"] == "member [member_id], card 4111 1111 1111 1111"
    assert turn["redactions"] == ["member_id"]
