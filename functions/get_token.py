"""GET /get-token?room_name=&identity=: the older API's join token, as {accessToken}.

Same rules and code as POST /token; only the request and response shapes differ.
"""

from typing import Annotated

from fastapi import Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import LIVEKIT, ROOM_ACCESS, STORE
from functions.domain.errors import LiveKitNotConfigured
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN
from functions.domain.models.room import LegacyToken
from functions.services.rooms import access as join_tokens

app = create_app(
    "get_token",
    __doc__,
    errors={**STORE, **ROOM_ACCESS, LiveKitNotConfigured: LIVEKIT[LiveKitNotConfigured]},
    idempotent=False,
)


@app.get("/get-token", response_model=LegacyToken)
async def get_token(
    actor: ServiceOrAgent,
    room_name: Annotated[str, Query(pattern=MEDIA_NAME_PATTERN, max_length=128)],
    identity: Annotated[str | None, Query(pattern=MEDIA_NAME_PATTERN, max_length=128)] = None,
    transfer_id: Annotated[str | None, Query(pattern=ID_PATTERN, max_length=128)] = None,
) -> LegacyToken:
    issued = await join_tokens.issue(actor, room_name, identity=identity, transfer_id=transfer_id)
    return LegacyToken(accessToken=issued.token)


handler = Mangum(app, lifespan="off")
