"""GET /transfers/{transfer_id}: one transfer, if the caller may see it."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AnyRole
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.transfer import Transfer
from functions.services import transfers

app = create_app(
    "get_transfer",
    __doc__,
    errors={**STORE, NotFound: "no such transfer, or (an agent) one that does not name it"},
    idempotent=False,
)


@app.get("/transfers/{transfer_id}", response_model=Transfer)
async def get_transfer(
    transfer_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: AnyRole,
) -> Transfer:
    return await transfers.get(transfer_id, actor)


handler = Mangum(app, lifespan="off")
