"""DELETE /rooms/{room}/agent: the AI agent leaves the room (its dispatches are deleted)."""

from typing import Annotated

from fastapi import Path, Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.room import RoomAgent
from functions.services.rooms import agents as room_agents

app = create_app("stop_room_agent", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT})


@app.delete("/rooms/{room}/agent", response_model=RoomAgent)
async def stop_room_agent(
    room: Annotated[str, Path(pattern=MEDIA_NAME_PATTERN)],
    actor: ServiceOrAgent,
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> RoomAgent:
    return await room_agents.stop(actor, room, transfer_id)


handler = Mangum(app, lifespan="off")
