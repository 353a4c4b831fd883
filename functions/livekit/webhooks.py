"""LiveKit's webhooks in: verified with livekit-api's own WebhookReceiver (the signed
Authorization token, issued with our API key and secret, carries the body's SHA-256), then
read into a plain event. Anything that does not verify is refused, unread."""

from __future__ import annotations

from dataclasses import dataclass

from functions.domain.errors import Unauthorized
from functions.livekit.rooms import require_credentials

# LiveKit's ParticipantInfo.Kind for a SIP participant (a phone).
SIP_KIND = 3


@dataclass(frozen=True)
class RoomEvent:
    id: str
    event: str  # participant_joined, participant_left, room_finished, ...
    room: str
    identity: str | None
    sip: bool  # the participant is a phone (LiveKit SIP)
    created_at: int  # epoch seconds, as LiveKit sends it


def receive(body: str, authorization: str | None) -> RoomEvent:
    """The event in `body`, if `authorization` is LiveKit's signature of exactly it."""
    from livekit import api

    creds = require_credentials()
    receiver = api.WebhookReceiver(api.TokenVerifier(creds.api_key, creds.api_secret))
    token = (authorization or "").removeprefix("Bearer ").strip()
    if not token:
        raise Unauthorized("missing the webhook's Authorization token")
    try:
        event = receiver.receive(body, token)
    except Exception as exc:  # the SDK raises bare Exceptions and jwt's errors
        raise Unauthorized(f"webhook not signed by this LiveKit project: {exc}") from exc
    participant = event.participant if event.HasField("participant") else None
    return RoomEvent(
        id=event.id,
        event=event.event,
        room=event.room.name if event.HasField("room") else "",
        identity=participant.identity if participant is not None else None,
        sip=participant is not None and int(participant.kind) == SIP_KIND,
        created_at=int(event.created_at),
    )
