"""GET /calls/{call_id}: the call and its transcript."""

from typing import Annotated

from fastapi import Depends, Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import require
from functions.domain import calls
from functions.domain.lifecycle import Actor
from functions.domain.models import ID_PATTERN, Call, Role

app = create_app("get_call")


@app.get("/calls/{call_id}", response_model=Call)
async def get_call(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: Annotated[Actor, Depends(require(Role.service, Role.agent, Role.supervisor))],
) -> Call:
    return await calls.get_call(call_id, actor)


handler = Mangum(app, lifespan="off")
