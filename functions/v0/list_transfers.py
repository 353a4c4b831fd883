"""GET /v0/transfers?room_name=&limit=: transfer records newest first, by caller's room."""

from typing import Annotated

from fastapi import Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AnyRole
from functions.api.openapi_parts import STORE
from functions.domain.models import MEDIA_NAME_PATTERN
from functions.domain.models.v0 import TransferRecords
from functions.services import v0 as v0

app = create_app("v0_list_transfers", __doc__, errors=STORE, idempotent=False)


@app.get("/v0/transfers", response_model=TransferRecords)
async def list_transfers(
    actor: AnyRole,
    room_name: Annotated[str | None, Query(pattern=MEDIA_NAME_PATTERN, max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> TransferRecords:
    return TransferRecords(transfers=await v0.list_records(actor, room_name, limit))


handler = Mangum(app, lifespan="off")
