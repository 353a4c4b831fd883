"""POST /v0/agent/start {room_name, identity?}: the AI agent joins the room."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models.v0 import AgentStartRequest, Success
from functions.services import v0 as v0

app = create_app("v0_start_agent", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT})


@app.post("/v0/agent/start", response_model=Success)
async def start_agent(
    body: AgentStartRequest,
    actor: ServiceOrAgent,
) -> Success:
    return await v0.start_agent(actor, body.room_name, body.identity)


handler = Mangum(app, lifespan="off")
