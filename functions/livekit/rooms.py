"""LiveKit over the official server SDK (`livekit-api`): join tokens and room operations.

`livekit.api` is imported inside the functions that use it (it costs ~0.2 s to import),
so a Lambda function that never reaches LiveKit never loads it. The `LiveKitAPI` client
(an aiohttp session) is created lazily once per process and event loop and reused by
warm invocations, like the DynamoDB client. Every SDK failure leaves this module as a
domain error: LiveKitFailed (502), LiveKitTimeout (504) or LiveKitNotConfigured (503).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import jwt

from functions.domain.errors import LiveKitFailed, LiveKitNotConfigured, LiveKitTimeout
from functions.domain.models.room import JoinToken, LiveKitRoom, Participant
from functions.shared import clock
from functions.shared.settings import Settings, get_settings

if TYPE_CHECKING:
    from livekit.api import LiveKitAPI

# A consult room's name carries its transfer id, so a room name alone finds the transfer.
CONSULT_PREFIX = "consult-"

T = TypeVar("T")


@dataclass(frozen=True)
class Credentials:
    url: str
    api_key: str
    api_secret: str


def consult_room_name(transfer_id: str) -> str:
    return f"{CONSULT_PREFIX}{transfer_id}"


def transfer_id_of(room: str) -> str | None:
    """The transfer id a consult room is named after; None for any other room."""
    if room.startswith(CONSULT_PREFIX) and len(room) > len(CONSULT_PREFIX):
        return room[len(CONSULT_PREFIX) :]
    return None


def credentials(settings: Settings | None = None) -> Credentials | None:
    """LiveKit URL, key and secret when all three are set; None means "not configured"."""
    s = settings or get_settings()
    if not (s.livekit_url and s.livekit_api_key and s.livekit_api_secret):
        return None
    return Credentials(s.livekit_url, s.livekit_api_key, s.livekit_api_secret.get_secret_value())


def is_configured() -> bool:
    return credentials() is not None


def require_credentials() -> Credentials:
    creds = credentials()
    if creds is None:
        raise LiveKitNotConfigured(
            "LiveKit is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)"
        )
    return creds


# ---- tokens (local HMAC signing, no network) ----------------------------------------------


def _sdk() -> ModuleType:
    """`livekit.api`, imported on first use, and only once LiveKit is known to be configured."""
    require_credentials()
    from livekit import api

    return api


def mint_token(room: str, identity: str, name: str | None = None) -> JoinToken:
    """A join token for one room: roomJoin, publish/subscribe/data, TTL from settings."""
    api = _sdk()
    creds = require_credentials()
    ttl = timedelta(seconds=get_settings().livekit_token_ttl_seconds)
    grants = api.VideoGrants(room_join=True, room=room, can_publish=True, can_subscribe=True)
    token = api.AccessToken(creds.api_key, creds.api_secret).with_identity(identity)
    token = token.with_grants(grants).with_ttl(ttl)
    if name:
        token = token.with_name(name)
    signed = token.to_jwt()
    # Read exp back from the token itself, so the reported expiry is exactly the signed one.
    exp = jwt.decode(signed, options={"verify_signature": False})["exp"]
    return JoinToken(
        token=signed,
        url=creds.url,
        room=room,
        identity=identity,
        expires_at=clock.iso(datetime.fromtimestamp(exp, UTC)),
    )


# ---- the RoomService client ---------------------------------------------------------------

_clients: dict[asyncio.AbstractEventLoop, tuple[Credentials, float, LiveKitAPI]] = {}
_closing: set[asyncio.Task[None]] = set()  # strong references until the old sessions close


def _client() -> LiveKitAPI:
    """This loop's LiveKitAPI, made on first use (or when the settings it was made from changed)."""
    from aiohttp import ClientTimeout

    api = _sdk()
    creds = require_credentials()
    timeout = get_settings().livekit_request_timeout_seconds
    loop = asyncio.get_running_loop()
    cached = _clients.get(loop)
    if cached is not None and cached[:2] == (creds, timeout):
        return cached[2]
    if cached is not None:
        # Settings changed under a live process (tests): let the old session close.
        task = loop.create_task(cached[2].aclose())
        _closing.add(task)
        task.add_done_callback(_closing.discard)
    made = api.LiveKitAPI(
        creds.url,
        creds.api_key,
        creds.api_secret,
        timeout=ClientTimeout(total=timeout),
        # Region failover retries with backoff; a Lambda has a time budget, and a failed
        # media step is recorded and retried by the caller instead.
        failover=False,
    )
    _clients[loop] = (creds, timeout, made)
    return made


async def prepare() -> None:
    """Make this loop's client (SDK imported, HTTP session) without a request: SnapStart's
    warm-up (functions/runtime/snapstart.py). Not configured: nothing."""
    if is_configured():
        _client()


def reset() -> None:
    """Forget every client (tests change endpoints between runs)."""
    _clients.clear()


async def close() -> None:
    """Close this loop's client (the local server on shutdown, tests)."""
    entry = _clients.pop(asyncio.get_running_loop(), None)
    if entry is not None:
        await entry[2].aclose()


async def _call(
    what: str,
    request: Callable[[LiveKitAPI], Awaitable[T]],
    *,
    missing_ok: bool = False,
    bound: float | None = None,
) -> T | None:
    """Run one RoomService request; every failure becomes a domain error.

    missing_ok: a not_found answer means the work is already done (the room is gone, the
    participant left), so it returns None. That makes hand-off and clean-up safe to retry.
    bound: seconds this request may take (default LIVEKIT_REQUEST_TIMEOUT_SECONDS; dialling
    a phone rings longer).
    """
    import aiohttp

    api = _sdk()
    try:
        # livekit-api 1.2.2 passes timeout=None to every RoomService post, which switches
        # off the session's ClientTimeout: this bound is the one that actually holds.
        async with asyncio.timeout(bound or get_settings().livekit_request_timeout_seconds):
            return await request(_client())
    except api.ServerError as exc:
        # By code, not status: a 404 bad_route (a wrong LIVEKIT_URL path) is a real failure.
        if missing_ok and exc.code == api.ServerErrorCode.NOT_FOUND:
            return None
        sip = (
            {"sip_status": exc.metadata["sip_status_code"]}
            if exc.metadata.get("sip_status_code")
            else {}
        )
        raise LiveKitFailed(
            f"LiveKit {what} failed: {exc.code} (HTTP {exc.status}) {exc.message}".strip(),
            livekit_code=exc.code,
            livekit_status=exc.status,
            **sip,  # a SIP call's final response (486 Busy Here), for its outcome
        ) from exc
    except TimeoutError as exc:  # aiohttp's timeouts subclass TimeoutError
        raise LiveKitTimeout(f"LiveKit {what} did not answer in time") from exc
    except aiohttp.ClientError as exc:
        raise LiveKitFailed(f"LiveKit {what} failed: {type(exc).__name__}") from exc


async def create_room(name: str, *, empty_timeout: int | None = None) -> LiveKitRoom:
    api = _sdk()
    timeout = empty_timeout or get_settings().livekit_consult_empty_timeout_seconds
    request = api.CreateRoomRequest(name=name, empty_timeout=timeout)
    room = await _call("CreateRoom", lambda lk: lk.room.create_room(request))
    assert room is not None
    return _room_info(room)


async def list_rooms() -> list[LiveKitRoom]:
    api = _sdk()
    response = await _call("ListRooms", lambda lk: lk.room.list_rooms(api.ListRoomsRequest()))
    assert response is not None
    return sorted((_room_info(r) for r in response.rooms), key=lambda r: r.name)


async def list_participants(room: str) -> list[Participant]:
    """Who is in `room`, by identity; empty when the room does not exist."""
    api = _sdk()
    request = api.ListParticipantsRequest(room=room)
    found = await _call(
        "ListParticipants", lambda lk: lk.room.list_participants(request), missing_ok=True
    )
    people = found.participants if found is not None else []
    return [Participant(identity=p.identity, name=p.name, metadata=p.metadata) for p in people]


async def remove_participant(room: str, identity: str) -> bool:
    """Remove `identity` from `room`; False when it was not there (already gone)."""
    api = _sdk()
    request = api.RoomParticipantIdentity(room=room, identity=identity)
    done = await _call(
        "RemoveParticipant", lambda lk: lk.room.remove_participant(request), missing_ok=True
    )
    return done is not None


async def move_participant(room: str, identity: str, destination: str) -> bool:
    """Move `identity` from `room` to `destination` (LiveKit Cloud); False when not there."""
    api = _sdk()
    request = api.MoveParticipantRequest(room=room, identity=identity, destination_room=destination)

    async def move(lk: LiveKitAPI) -> bool:
        await lk.room.move_participant(request)  # answers nothing on success
        return True

    return bool(await _call("MoveParticipant", move, missing_ok=True))


async def delete_room(room: str) -> bool:
    """Delete `room`, disconnecting everyone; False when it did not exist."""
    api = _sdk()
    request = api.DeleteRoomRequest(room=room)
    done = await _call("DeleteRoom", lambda lk: lk.room.delete_room(request), missing_ok=True)
    return done is not None


def _room_info(room: Any) -> LiveKitRoom:
    created = room.creation_time_ms / 1000 if room.creation_time_ms else room.creation_time
    return LiveKitRoom(
        name=room.name,
        transfer_id=transfer_id_of(room.name),
        sid=room.sid,
        num_participants=room.num_participants,
        num_publishers=room.num_publishers,
        empty_timeout=room.empty_timeout,
        created_at=clock.iso(datetime.fromtimestamp(created, UTC)) if created else None,
    )
