"""POST /calls/{call_id}/turns: append transcript turns from an outside speech pipeline."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Service
from functions.api.openapi_parts import STORE
from functions.domain.errors import CallErased, NotFound, TranscriptFull
from functions.domain.models import ID_PATTERN
from functions.domain.models.call import AppendTurnsRequest, AppendTurnsResponse
from functions.services import calls

app = create_app(
    "append_turns",
    __doc__,
    errors={
        **STORE,
        NotFound: "no such call",
        TranscriptFull: "the call is at CALL_MAX_TURNS",
        CallErased: "the call was erased: nothing more is added to it",
    },
)


@app.post("/calls/{call_id}/turns", status_code=201, response_model=AppendTurnsResponse)
async def append_turns(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)],
    body: AppendTurnsRequest,
    actor: Service,
) -> AppendTurnsResponse:
    return await calls.append_turns(call_id, body, actor)


handler = Mangum(app, lifespan="off")
