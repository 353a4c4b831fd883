"""GET /rooms/{room}/participants: who is in a LiveKit room (an agent: rooms of its
transfers; a caller's room with ?transfer_id=)."""

from typing import Annotated

from fastapi import Path, Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AnyRole
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.room import ParticipantList
from functions.services.rooms import agents as room_agents

app = create_app(
    "list_participants", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT}, idempotent=False
)


@app.get("/rooms/{room}/participants", response_model=ParticipantList)
async def list_participants(
    room: Annotated[str, Path(pattern=MEDIA_NAME_PATTERN)],
    actor: AnyRole,
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> ParticipantList:
    return await room_agents.participants(actor, room, transfer_id)


handler = Mangum(app, lifespan="off")
