"""GET /agents/me: the agent's own presence (agents): status and since when, the transfer it
is on or is offered, its wrap-up, its queues."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Agent
from functions.api.openapi_parts import STORE
from functions.domain.models.routing import Presence
from functions.services import presence

app = create_app("get_presence", __doc__, errors=STORE, idempotent=False)


@app.get("/agents/me", response_model=Presence)
async def get_presence(actor: Agent) -> Presence:
    return await presence.me(actor)


handler = Mangum(app, lifespan="off")
