"""GET /v0/rooms: the LiveKit rooms in use, the older way (creation_time in epoch seconds)."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrSupervisor
from functions.api.openapi_parts import LIVEKIT
from functions.domain.models.v0 import Rooms
from functions.services import v0 as v0

app = create_app("v0_list_rooms", __doc__, errors=LIVEKIT, idempotent=False)


@app.get("/v0/rooms", response_model=Rooms)
async def list_rooms(
    _: ServiceOrSupervisor,
) -> Rooms:
    return Rooms(rooms=await v0.rooms())


handler = Mangum(app, lifespan="off")
