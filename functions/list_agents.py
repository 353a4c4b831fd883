"""GET /agents: every agent routing knows, with status, since when, current transfer and
queues (supervisors)."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.models.routing import PresenceList
from functions.services import presence

app = create_app("list_agents", __doc__, errors=STORE, idempotent=False)


@app.get("/agents", response_model=PresenceList)
async def list_agents(actor: Supervisor) -> PresenceList:
    return await presence.everyone()


handler = Mangum(app, lifespan="off")
