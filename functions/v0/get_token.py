"""GET /v0/get-token?room_name=&identity=: a LiveKit join token, as {accessToken}; the
room is created when it does not exist. An agent adds `transfer_id` for a caller's room."""

from typing import Annotated

from fastapi import Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.models import ID_PATTERN, LIVEKIT_IDENTITY_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.v0 import AccessToken
from functions.services import v0 as v0

app = create_app(
    "v0_get_token", __doc__, errors={**STORE, **ROOM_ACCESS, **LIVEKIT}, idempotent=False
)


@app.get("/v0/get-token", response_model=AccessToken)
async def get_token(
    actor: ServiceOrAgent,
    room_name: Annotated[str, Query(pattern=MEDIA_NAME_PATTERN, max_length=128)],
    identity: Annotated[str, Query(pattern=LIVEKIT_IDENTITY_PATTERN, max_length=128)],
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN, max_length=128)] = None,
) -> AccessToken:
    return AccessToken(accessToken=await v0.access_token(actor, room_name, identity, transfer_id))


handler = Mangum(app, lifespan="off")
