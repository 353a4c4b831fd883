"""POST /v0/agent/say {room_name, text}: the room's AI agent speaks the text."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.errors import Conflict
from functions.domain.models.v0 import AgentSayRequest, Success
from functions.services import v0 as v0

app = create_app(
    "v0_agent_say",
    __doc__,
    errors={
        **STORE,
        **ROOM_ACCESS,
        **LIVEKIT,
        Conflict: "the room has no AI agent: start one first",
    },
)


@app.post("/v0/agent/say", response_model=Success)
async def agent_say(
    body: AgentSayRequest,
    actor: ServiceOrAgent,
) -> Success:
    return await v0.say(actor, body.room_name, body.text)


handler = Mangum(app, lifespan="off")
