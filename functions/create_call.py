"""POST /calls: open a call record."""

from typing import Annotated

from fastapi import Depends
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import require
from functions.domain import calls
from functions.domain.lifecycle import Actor
from functions.domain.models import Call, CreateCallRequest, Role

app = create_app("create_call")


@app.post("/calls", status_code=201, response_model=Call)
async def create_call(
    body: CreateCallRequest, actor: Annotated[Actor, Depends(require(Role.service))]
) -> Call:
    return await calls.create_call(body, actor)


handler = Mangum(app, lifespan="off")
