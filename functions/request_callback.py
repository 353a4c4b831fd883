"""POST /calls/{call_id}/callback: the caller asked to be called back (the voice agent
records it when nobody took the transfer); supervisors and webhooks hear of it."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Service
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.call import Callback, CallbackRequest
from functions.services import calls

app = create_app("request_callback", __doc__, errors={**STORE, NotFound: "no such call"})


@app.post("/calls/{call_id}/callback", response_model=Callback)
async def request_callback(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)],
    body: CallbackRequest,
    actor: Service,
) -> Callback:
    return await calls.request_callback(call_id, body, actor)


handler = Mangum(app, lifespan="off")
