"""POST /v0/agent/stop {room_name}: the AI agent leaves the room."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models.v0 import AgentStopRequest, Success
from functions.services import v0 as v0

app = create_app("v0_stop_agent", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT})


@app.post("/v0/agent/stop", response_model=Success)
async def stop_agent(
    body: AgentStopRequest,
    actor: ServiceOrAgent,
) -> Success:
    return await v0.stop_agent(actor, body.room_name)


handler = Mangum(app, lifespan="off")
