"""GET /transfers: transfers newest first, filtered by status or agent, a page at a time."""

from typing import Annotated

from fastapi import Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AgentOrSupervisor
from functions.domain.errors import Forbidden, InvalidCursor, ServiceUnavailable
from functions.domain.models import ID_PATTERN, MEDIA_NAME_PATTERN, TransferStatus
from functions.domain.models.transfer import TransferPage
from functions.services import transfer_lists

app = create_app(
    "list_transfers",
    __doc__,
    errors={
        InvalidCursor: "the cursor is malformed, tampered with or of another query",
        Forbidden: "an agent asking for another agent's transfers",
        ServiceUnavailable: "the store is unavailable, or listing is unconfigured (CURSOR_SECRET)",
    },
    idempotent=False,
)


@app.get("/transfers", response_model=TransferPage)
async def list_transfers(
    actor: AgentOrSupervisor,
    status: TransferStatus | None = None,
    agent: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    limit: Annotated[int | None, Query(ge=1, le=100)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    caller_room: Annotated[str | None, Query(pattern=MEDIA_NAME_PATTERN)] = None,
) -> TransferPage:
    return await transfer_lists.list_transfers(
        actor,
        status=status,
        agent=agent,
        limit=limit,
        cursor_token=cursor,
        caller_room=caller_room,
    )


handler = Mangum(app, lifespan="off")
