"""The ai-voice turn's pure rules: spotting a request for a person, checking audio."""

from __future__ import annotations

import base64

import pytest

from functions.domain.errors import AudioTooLarge, InvalidAudio
from functions.services.voice import decode_audio
from functions.shared.settings import get_settings
from functions.text.voice_replies import asks_for_person, offline_reply
from tests.support.groq_stub import make_wav


@pytest.mark.parametrize(
    "text",
    [
        "I want a person",
        "Can I speak to a real person please?",
        "let me talk to someone",
        "Agent!",
        "representative, please",
        "I need a human",
        "just transfer me",
        "put me through to an operator",
        "I'd like to speak with your manager",
    ],
)
def test_requests_for_a_person(text: str) -> None:
    assert asks_for_person(text)
    assert offline_reply(text).transfer_requested


@pytest.mark.parametrize(
    "text",
    [
        "My travel agent booked the wrong flight",
        "The person at the store said it was fine",
        "I want a refund",
        "Is there a human-readable receipt?",
        "Where is my parcel?",
    ],
)
def test_not_requests_for_a_person(text: str) -> None:
    assert not asks_for_person(text)
    assert not offline_reply(text).transfer_requested


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("wav", make_wav(0.05)),
        ("mp3", b"ID3\x04\x00" + b"\x00" * 64),
        ("mp3", b"\xff\xfb\x90\x00" + b"\x00" * 64),
        ("ogg", b"OggS" + b"\x00" * 64),
        ("flac", b"fLaC" + b"\x00" * 64),
        ("webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64),
        ("m4a", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 64),
    ],
)
def test_audio_of_each_format_is_accepted(fmt: str, data: bytes) -> None:
    assert decode_audio(b64(data), fmt) == data


@pytest.mark.parametrize(
    ("value", "fmt"),
    [
        ("%%%not-base64%%%", "wav"),
        ("", "wav"),
        (b64(b"OggS" + b"\x00" * 64), "wav"),
        (b64(make_wav(0.05)), "mp3"),
    ],
)
def test_bad_audio_is_refused(value: str, fmt: str) -> None:
    with pytest.raises(InvalidAudio):
        decode_audio(value, fmt)


def test_oversized_audio_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_VOICE_MAX_AUDIO_BYTES", "1024")
    get_settings.cache_clear()
    try:
        with pytest.raises(AudioTooLarge):
            decode_audio(b64(make_wav(0.5)), "wav")
        with pytest.raises(AudioTooLarge):  # also when the base64 is junk: size is checked first
            decode_audio("A" * 5000, "wav")
        assert decode_audio(b64(make_wav(0.02)), "wav")  # 640 + 44 bytes fits
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
