"""GET /v0/rooms: the LiveKit rooms in use, the older way (creation_time in epoch seconds)."""

from typing import Annotated

from fastapi import Depends
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import require
from functions.api.openapi import LIVEKIT
from functions.domain.actor import Actor
from functions.domain.models import Role
from functions.domain.v0_models import Rooms
from functions.services import v0 as v0

app = create_app("v0_list_rooms", __doc__, errors=LIVEKIT)


@app.get("/v0/rooms", response_model=Rooms)
async def list_rooms(
    _: Annotated[Actor, Depends(require(Role.service, Role.supervisor))],
) -> Rooms:
    return Rooms(rooms=await v0.rooms())


handler = Mangum(app, lifespan="off")
