"""POST /v0/complete-transfer: agent A leaves the caller's room; with transfer_id, agent B
is recorded and the transfer completed. {success: false} when A was not in the room."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, STORE
from functions.domain.errors import Conflict, Forbidden, LiveKitFailed, NotFound
from functions.domain.models.v0 import CompleteRequest, Success
from functions.services import v0 as v0

app = create_app(
    "v0_complete_transfer",
    __doc__,
    errors={
        **STORE,
        **LIVEKIT,
        NotFound: "no such transfer, or (an agent) one that does not name it",
        Forbidden: "an agent without transfer_id, or a room that is not the transfer's caller room",
        Conflict: (
            "the transfer cannot be completed now: its status, or an agent completing "
            "before the receiving one accepted"
        ),
        LiveKitFailed: "the hand-off failed in LiveKit",
    },
)


@app.post("/v0/complete-transfer", response_model=Success)
async def complete_transfer(
    body: CompleteRequest,
    actor: ServiceOrAgent,
) -> Success:
    return await v0.complete(body, actor)


handler = Mangum(app, lifespan="off")
