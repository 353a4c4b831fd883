"""GET /calls/{call_id}: the call and its transcript, a page of turns at a time."""

from typing import Annotated

from fastapi import Path, Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import AnyRole
from functions.api.openapi_parts import STORE
from functions.domain.errors import CallErased, InvalidCursor, NotFound, ServiceUnavailable
from functions.domain.models import ID_PATTERN
from functions.domain.models.call import CallPage
from functions.services import calls

app = create_app(
    "get_call",
    __doc__,
    errors={
        **STORE,
        NotFound: "no such call, or (an agent) not a call it is on",
        CallErased: "the call was erased (DELETE /calls/{call_id})",
        InvalidCursor: "the cursor is malformed, tampered with or of another call",
        ServiceUnavailable: "the store is unavailable, or paging is not configured (CURSOR_SECRET)",
    },
    idempotent=False,
)


@app.get("/calls/{call_id}", response_model=CallPage)
async def get_call(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: AnyRole,
    limit: Annotated[int | None, Query(ge=1, le=200)] = None,
    cursor: Annotated[str | None, Query(max_length=1024)] = None,
) -> CallPage:
    return await calls.read_call(call_id, actor, limit=limit, cursor_token=cursor)


handler = Mangum(app, lifespan="off")
