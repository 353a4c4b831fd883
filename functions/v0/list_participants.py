"""GET /v0/participants?room_name=: who is in a room; an unknown room has nobody."""

from typing import Annotated

from fastapi import Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AnyRole
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.room import ParticipantList
from functions.services.rooms import agents as room_agents

app = create_app(
    "v0_list_participants", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT}, idempotent=False
)


@app.get("/v0/participants", response_model=ParticipantList)
async def list_participants(
    actor: AnyRole,
    room_name: Annotated[str, Query(pattern=MEDIA_NAME_PATTERN, max_length=128)],
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN, max_length=128)] = None,
) -> ParticipantList:
    return await room_agents.participants(actor, room_name, transfer_id)


handler = Mangum(app, lifespan="off")
