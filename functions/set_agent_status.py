"""PUT /agents/me/status: the agent sets itself available or away (agents). Available, it
is offered what waits in its queues at once."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Agent
from functions.api.openapi_parts import STORE
from functions.domain.models.routing import Presence, SetStatusRequest
from functions.services import presence

app = create_app("set_agent_status", __doc__, errors=STORE, idempotent=False)


@app.put("/agents/me/status", response_model=Presence)
async def set_agent_status(body: SetStatusRequest, actor: Agent) -> Presence:
    return await presence.choose(actor, body.status)


handler = Mangum(app, lifespan="off")
