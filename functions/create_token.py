"""POST /token: a short-lived LiveKit join token for a room the caller may join."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.errors import LiveKitNotConfigured
from functions.domain.models.room import CreateTokenRequest, JoinToken
from functions.services.rooms import access as join_tokens

# Minting changes nothing, and a stored answer would keep a live token: no Idempotency-Key.
app = create_app(
    "create_token",
    __doc__,
    errors={**STORE, **ROOM_ACCESS, LiveKitNotConfigured: LIVEKIT[LiveKitNotConfigured]},
    idempotent=False,
)


@app.post("/token", response_model=JoinToken)
async def create_token(
    body: CreateTokenRequest,
    actor: ServiceOrAgent,
) -> JoinToken:
    return await join_tokens.issue(
        actor, body.room, identity=body.identity, name=body.name, transfer_id=body.transfer_id
    )


handler = Mangum(app, lifespan="off")
