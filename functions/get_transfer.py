"""GET /transfers/{transfer_id}: one transfer, if the caller may see it."""

from typing import Annotated

from fastapi import Depends, Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import require
from functions.api.openapi import STORE
from functions.domain.actor import Actor
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN, Role, Transfer
from functions.services import transfers

app = create_app(
    "get_transfer",
    __doc__,
    errors={**STORE, NotFound: "no such transfer, or (an agent) one that does not name it"},
)


@app.get("/transfers/{transfer_id}", response_model=Transfer)
async def get_transfer(
    transfer_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: Annotated[Actor, Depends(require(Role.agent, Role.supervisor, Role.service))],
) -> Transfer:
    return await transfers.get(transfer_id, actor)


handler = Mangum(app, lifespan="off")
