"""POST /rooms/{room}/agent/say: the room's AI agent speaks the text. It is sent to the
room as a reliable data message on the topic `warm-transfer.agent.say`, which the agent
worker speaks; 409 when the room has no agent."""

from typing import Annotated

from fastapi import Path, Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.errors import Conflict
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.room import RoomAgent, SayRequest
from functions.services.rooms import agents as room_agents

app = create_app(
    "room_agent_say",
    __doc__,
    errors={
        **STORE,
        **ROOM_ACCESS,
        **LIVEKIT,
        Conflict: "the room has no AI agent: start one first",
    },
)


@app.post("/rooms/{room}/agent/say", response_model=RoomAgent)
async def room_agent_say(
    room: Annotated[str, Path(pattern=MEDIA_NAME_PATTERN)],
    body: SayRequest,
    actor: ServiceOrAgent,
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> RoomAgent:
    return await room_agents.say(actor, room, body.text, transfer_id)


handler = Mangum(app, lifespan="off")
