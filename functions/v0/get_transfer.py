"""GET /v0/transfers/{transfer_id}: one transfer record; 404 {detail} when unknown."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AnyRole
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.v0 import TransferRecord
from functions.services import v0 as v0

app = create_app(
    "v0_get_transfer",
    __doc__,
    errors={**STORE, NotFound: "no such transfer, or (an agent) one that does not name it"},
    idempotent=False,
)


@app.get("/v0/transfers/{transfer_id}", response_model=TransferRecord)
async def get_transfer(
    transfer_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: AnyRole,
) -> TransferRecord:
    return await v0.get_record(transfer_id, actor)


handler = Mangum(app, lifespan="off")
