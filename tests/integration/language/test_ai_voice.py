"""POST /ai-voice through the real handler, store (moto server) and AsyncGroq (stub)."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from typing import Any

import pytest

from functions.text.voice_replies import REPLY_HANDOFF, REPLY_NOT_HEARD, REPLY_OFFLINE
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response
from tests.support.groq_stub import GroqStub, error, make_wav, tool_call
from tests.support.tokens import Tokens

Env = Callable[..., GroqStub]
WAV = make_wav(0.25)


def turn(tokens: Tokens, version: int = 2, key: str | None = None, **body: Any) -> Response:
    body = {"call_id": "voice-1", **body}
    return api.voice_turn(body, token=tokens.service(), version=version, key=key)


def stored_turns(tokens: Tokens, call_id: str = "voice-1") -> list[tuple[str, str]] | None:
    res = api.get_call(call_id, token=tokens.service())
    if res.status == 404:
        return None
    assert res.status == 200, res.body
    return [(t["speaker"], t["text"]) for t in res.json["turns"]]


# ---- offline (no GROQ_API_KEY) -----------------------------------------------------------


@pytest.mark.parametrize("version", [2, 1])
def test_offline_recognises_a_request_for_a_person(
    store_env: str, tokens: Tokens, version: int
) -> None:
    res = turn(tokens, version, text="Can I speak to a real person please?")
    assert res.status == 200, res.body
    body = res.json
    assert body["transfer_requested"] is True
    assert body["transfer_reason"]
    assert body["reply"] == REPLY_HANDOFF
    assert body["provider"] == "offline"
    assert body["fallback_reason"].startswith("not_configured")
    assert body["heard"] == "Can I speak to a real person please?"
    # The call was created, and both turns are on it.
    assert stored_turns(tokens) == [
        ("caller", "Can I speak to a real person please?"),
        ("ai", REPLY_HANDOFF),
    ]


def test_offline_reply_without_a_request_for_a_person(store_env: str, tokens: Tokens) -> None:
    res = turn(tokens, text="My travel agent booked the wrong date.", speak=True)
    assert res.status == 200, res.body
    assert res.json["transfer_requested"] is False
    assert res.json["transfer_reason"] is None
    assert res.json["reply"] == REPLY_OFFLINE
    # speak asked for, no Groq: the reply still comes back, as text, with the reason.
    assert res.json["audio_base64"] is None
    assert "not_configured" in res.json["audio_unavailable_reason"]


def test_offline_audio_cannot_be_heard_but_the_turn_still_answers(
    store_env: str, tokens: Tokens
) -> None:
    res = turn(tokens, audio_base64=base64.b64encode(WAV).decode(), audio_format="wav")
    assert res.status == 200, res.body
    assert res.json["heard"] is None
    assert res.json["reply"] == REPLY_NOT_HEARD
    assert res.json["fallback_reason"].startswith("not_configured")
    assert stored_turns(tokens) == [("ai", REPLY_NOT_HEARD)]


# ---- with Groq (the stub) -------------------------------------------------------------------


def test_text_turn_with_history(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    stub = groq_env(GROQ_VOICE_MODEL="stub-voice-model")
    first = turn(tokens, text="Hi, my order 4471 arrived broken.")
    assert first.status == 200, first.body
    assert first.json["provider"] == "groq"
    assert first.json["reply"] == "Thanks, I can help with that."
    assert first.json["fallback_reason"] is None
    second = turn(tokens, text="It's the screen.")
    assert second.status == 200, second.body

    requests = stub.received("chat")
    assert len(requests) == 2
    body = requests[1].json
    assert body["model"] == "stub-voice-model"
    assert [t["function"]["name"] for t in body["tools"]] == ["request_human_transfer"]
    assert body["messages"][0]["role"] == "system"
    # The second turn's reply saw the first turn's exchange, then the new words.
    assert body["messages"][1:] == [
        {"role": "user", "content": "Hi, my order 4471 arrived broken."},
        {"role": "assistant", "content": "Thanks, I can help with that."},
        {"role": "user", "content": "It's the screen."},
    ]
    assert stored_turns(tokens) == [
        ("caller", "Hi, my order 4471 arrived broken."),
        ("ai", "Thanks, I can help with that."),
        ("caller", "It's the screen."),
        ("ai", "Thanks, I can help with that."),
    ]


def test_tool_call_requests_a_transfer(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    stub = groq_env()
    stub.queue("chat", tool_call("request_human_transfer", {"reason": "Wants a refund decision"}))
    res = turn(tokens, text="I want my money back, now.")
    assert res.status == 200, res.body
    assert res.json["transfer_requested"] is True
    assert res.json["transfer_reason"] == "Wants a refund decision"
    assert res.json["provider"] == "groq"
    assert res.json["reply"] == REPLY_HANDOFF  # the model said nothing besides the call


def test_audio_round_trip_with_speech(store_env: str, groq_env: Env, tokens: Tokens) -> None:
    stub = groq_env(
        GROQ_WHISPER_MODEL="stub-whisper",
        GROQ_TTS_MODEL="stub-tts",
        GROQ_TTS_VOICE="stub-voice",
    )
    res = turn(tokens, audio_base64=base64.b64encode(WAV).decode(), audio_format="wav", speak=True)
    assert res.status == 200, res.body
    body = res.json
    assert body["heard"] == stub.transcript_text
    assert body["reply"] == "Thanks, I can help with that."
    assert body["audio_format"] == "wav"
    assert base64.b64decode(body["audio_base64"]) == stub.speech_audio
    assert body["audio_unavailable_reason"] is None

    (heard,) = stub.received("transcriptions")
    assert heard.form["model"] == "stub-whisper"
    filename, _, data = heard.files["file"]
    assert data == WAV and filename == "audio.wav"
    (spoken,) = stub.received("speech")
    assert spoken.json["model"] == "stub-tts"
    assert spoken.json["voice"] == "stub-voice"
    assert spoken.json["input"] == body["reply"]
    assert stored_turns(tokens) == [("caller", stub.transcript_text), ("ai", body["reply"])]


def test_speech_failure_still_returns_the_text(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    groq_env().always("speech", error(500))
    res = turn(tokens, text="Hello there, where is my parcel?", speak=True)
    assert res.status == 200, res.body
    assert res.json["provider"] == "groq"
    assert res.json["reply"] == "Thanks, I can help with that."
    assert res.json["audio_base64"] is None
    assert res.json["audio_unavailable_reason"].startswith("upstream_error")


def test_chat_failure_falls_back_to_the_offline_reply(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env()
    stub.always("chat", error(429, retry_after="1"))
    res = turn(tokens, text="I need a human, this is going nowhere.", speak=True)
    assert res.status == 200, res.body
    assert res.json["provider"] == "offline"
    assert res.json["fallback_reason"].startswith("rate_limited")
    assert res.json["transfer_requested"] is True
    # Groq already failed in this turn: speech is not attempted.
    assert res.json["audio_unavailable_reason"].startswith("speech skipped")
    assert stub.received("speech") == []


def test_transcription_failure_answers_without_hearing(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env(GROQ_TIMEOUT_SECONDS="0.3")
    stub.always("transcriptions", error(504))
    res = turn(tokens, audio_base64=base64.b64encode(WAV).decode(), audio_format="wav")
    assert res.status == 200, res.body
    assert res.json["heard"] is None
    assert res.json["reply"] == REPLY_NOT_HEARD
    assert res.json["fallback_reason"].startswith("upstream_error")
    assert stub.received("chat") == []


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "slug"),
    [
        ({"audio_base64": "not base64 at all!", "audio_format": "wav"}, 422, "invalid-audio"),
        ({"audio_base64": base64.b64encode(b"MZ\x90\x00" * 100).decode(), "audio_format": "wav"},
         422, "invalid-audio"),
        ({"audio_base64": base64.b64encode(WAV).decode(), "audio_format": "aiff"},
         422, "validation-error"),
        ({"audio_base64": base64.b64encode(WAV).decode()}, 422, "validation-error"),
        ({"text": "hi", "audio_base64": base64.b64encode(WAV).decode(), "audio_format": "wav"},
         422, "validation-error"),
        ({}, 422, "validation-error"),
        ({"text": ""}, 422, "validation-error"),
    ],
    ids=["not-base64", "not-a-wav", "unknown-format", "no-format", "text-and-audio", "nothing",
         "empty-text"],
)  # fmt: skip
def test_bad_input_is_a_problem_and_stores_nothing(
    store_env: str, tokens: Tokens, body: dict[str, Any], status: int, slug: str
) -> None:
    res = turn(tokens, **body)
    assert res.status == status, res.body
    assert res.headers["content-type"] == PROBLEM
    assert res.json["type"].endswith(":" + slug)
    assert res.json["status"] == status
    assert stored_turns(tokens) is None  # not even the call was created


def test_too_large_audio_is_413(
    store_env: str, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functions.shared.settings import get_settings

    monkeypatch.setenv("AI_VOICE_MAX_AUDIO_BYTES", "2048")
    get_settings.cache_clear()
    res = turn(tokens, audio_base64=base64.b64encode(WAV).decode(), audio_format="wav")
    assert res.status == 413, res.body
    assert res.headers["content-type"] == PROBLEM
    assert res.json["max_bytes"] == 2048
    assert stored_turns(tokens) is None


def test_only_services_take_voice_turns(store_env: str, tokens: Tokens) -> None:
    res = api.voice_turn({"call_id": "voice-1", "text": "hello"}, token=tokens.agent("alice"))
    assert res.status == 403
    assert res.headers["content-type"] == PROBLEM


def test_audio_larger_than_other_bodies_is_accepted(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env()
    big = make_wav(30.0)  # about 1 MB: over the 256 KB body limit of other functions
    res = turn(tokens, audio_base64=base64.b64encode(big).decode(), audio_format="wav")
    assert res.status == 200, res.body
    assert res.json["heard"] == stub.transcript_text
    assert stub.received("transcriptions")[0].files["file"][2] == big


def test_a_repeated_turn_with_an_idempotency_key_is_answered_once(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env()
    # Reply audio that does not compress and is larger than one DynamoDB item (400 KB).
    stub.speech_audio = make_wav(0.01) + os.urandom(500_000)

    def send() -> Response:
        return turn(tokens, text="Where is my parcel?", speak=True, key="turn-0001")

    first, again = send(), send()
    assert first.status == again.status == 200, first.body
    assert again.json == first.json
    assert again.headers.get("idempotent-replayed") == "true"
    assert len(stub.received("chat")) == 1 and len(stub.received("speech")) == 1
    assert stored_turns(tokens) == [("caller", "Where is my parcel?"), ("ai", first.json["reply"])]
