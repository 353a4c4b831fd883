"""GET /rooms: the LiveKit rooms in use, with participant counts."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrSupervisor
from functions.api.openapi_parts import LIVEKIT
from functions.domain.models.room import RoomList
from functions.livekit import rooms as media

app = create_app("list_rooms", __doc__, errors=LIVEKIT, idempotent=False)


@app.get("/rooms", response_model=RoomList)
async def list_rooms(
    _: ServiceOrSupervisor,
) -> RoomList:
    return RoomList(rooms=await media.list_rooms())


handler = Mangum(app, lifespan="off")
