"""POST /calls/{call_id}/assign: put an agent on a call (the speech pipeline moves it)."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Service
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.call import AssignCallRequest, CallAssignment
from functions.services import calls

app = create_app("assign_call", __doc__, errors={**STORE, NotFound: "no such call"})


@app.post("/calls/{call_id}/assign", response_model=CallAssignment)
async def assign_call(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)],
    body: AssignCallRequest,
    actor: Service,
) -> CallAssignment:
    return await calls.assign(call_id, body, actor)


handler = Mangum(app, lifespan="off")
