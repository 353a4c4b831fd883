"""POST /rooms/{room}/agent: dispatch the AI voice agent into the room (LiveKit Agent
Dispatch); a room that has it keeps that one."""

from typing import Annotated

from fastapi import Path, Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.room import RoomAgent, StartAgentRequest
from functions.services.rooms import agents as room_agents

app = create_app("start_room_agent", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT})


@app.post("/rooms/{room}/agent", response_model=RoomAgent)
async def start_room_agent(
    room: Annotated[str, Path(pattern=MEDIA_NAME_PATTERN)],
    body: StartAgentRequest,
    actor: ServiceOrAgent,
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> RoomAgent:
    return await room_agents.start(actor, room, body.identity, transfer_id)


handler = Mangum(app, lifespan="off")
