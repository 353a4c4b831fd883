"""POST /v0/initiate-transfer {call_context, room_name?, agent_a_identity?}: a transfer of
the new system, answered the older way (summary, id, briefing_room_name)."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import STORE
from functions.domain.errors import Conflict, Forbidden
from functions.domain.models.v0 import Initiated, InitiateRequest
from functions.services import v0 as v0

app = create_app(
    "v0_initiate_transfer",
    __doc__,
    errors={
        **STORE,
        Forbidden: "an agent naming room_name",
        Conflict: "room_name differs from the call's caller room",
    },
)


@app.post("/v0/initiate-transfer", response_model=Initiated)
async def initiate_transfer(
    body: InitiateRequest,
    actor: ServiceOrAgent,
) -> Initiated:
    return await v0.initiate(body, actor)


handler = Mangum(app, lifespan="off")
