"""LiveKit join tokens as a LiveKit server would read them: decoded and verified with PyJWT."""

from __future__ import annotations

import time
from collections.abc import Iterator

import jwt
import pytest

from functions.domain.errors import LiveKitNotConfigured
from functions.livekit import rooms as media
from functions.shared import clock
from functions.shared.settings import get_settings

KEY = "APIkey123"
SECRET = "a-livekit-api-secret-of-decent-length-0123456789"
URL = "wss://media.example.test"


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LIVEKIT_URL", URL)
    monkeypatch.setenv("LIVEKIT_API_KEY", KEY)
    monkeypatch.setenv("LIVEKIT_API_SECRET", SECRET)
    monkeypatch.setenv("LIVEKIT_TOKEN_TTL_SECONDS", "900")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def verify(token: str) -> dict:
    return jwt.decode(token, SECRET, algorithms=["HS256"], issuer=KEY, options={"require": ["exp"]})


@pytest.mark.usefixtures("configured")
def test_token_carries_identity_room_grant_and_ttl() -> None:
    before = int(time.time())
    issued = media.mint_token("consult-t-1", "bob", "Bob Agent")
    claims = verify(issued.token)
    assert claims["iss"] == KEY
    assert claims["sub"] == "bob"
    assert claims["name"] == "Bob Agent"
    video = claims["video"]
    assert video["room"] == "consult-t-1"
    assert video["roomJoin"] is True
    assert video["canPublish"] is True and video["canSubscribe"] is True
    # No admin powers leak into a join token.
    assert not {"roomAdmin", "roomCreate", "roomList", "roomRecord"} & set(video)
    assert before + 900 - 2 <= claims["exp"] <= int(time.time()) + 900
    assert claims["nbf"] <= int(time.time())
    # The response reports the token's own expiry and where to connect.
    assert clock.parse(issued.expires_at).timestamp() == claims["exp"]
    assert issued.url == URL
    assert (issued.room, issued.identity) == ("consult-t-1", "bob")


@pytest.mark.usefixtures("configured")
def test_token_does_not_verify_with_another_secret_or_issuer() -> None:
    token = media.mint_token("room-a", "alice").token
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, SECRET + "x", algorithms=["HS256"])
    with pytest.raises(jwt.InvalidIssuerError):
        jwt.decode(token, SECRET, algorithms=["HS256"], issuer="someone-else")


@pytest.mark.usefixtures("configured")
def test_name_is_optional() -> None:
    claims = verify(media.mint_token("room-a", "alice").token)
    assert "name" not in claims and claims["sub"] == "alice"


def test_without_configuration_minting_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LIVEKIT_URL", URL)  # a URL alone is not a configuration
    get_settings.cache_clear()
    try:
        assert not media.is_configured()
        with pytest.raises(LiveKitNotConfigured) as refused:
            media.mint_token("room-a", "alice")
        assert refused.value.status == 503
        assert "LIVEKIT_API_KEY" in refused.value.detail
    finally:
        get_settings.cache_clear()


def test_consult_room_names_carry_the_transfer_id() -> None:
    name = media.consult_room_name("tr_01HZX.9")
    assert name == "consult-tr_01HZX.9"
    assert media.transfer_id_of(name) == "tr_01HZX.9"
    assert media.transfer_id_of("consult-") is None
    assert media.transfer_id_of("call-_+15550100_abc") is None
