"""GET /rooms: the LiveKit rooms in use, with participant counts."""

from typing import Annotated

from fastapi import Depends
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import require
from functions.api.openapi import LIVEKIT
from functions.domain.actor import Actor
from functions.domain.models import Role
from functions.domain.room_models import RoomList
from functions.livekit import rooms as media

app = create_app("list_rooms", __doc__, errors=LIVEKIT, idempotent=False)


@app.get("/rooms", response_model=RoomList)
async def list_rooms(
    _: Annotated[Actor, Depends(require(Role.supervisor, Role.service))],
) -> RoomList:
    return RoomList(rooms=await media.list_rooms())


handler = Mangum(app, lifespan="off")
