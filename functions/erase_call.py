"""DELETE /calls/{call_id}: erase a call on the caller's request (supervisors, services):
its transcript, the caller's details and its transfers' briefings; its consult rooms are
closed; a tombstone (who, when, counts) stays for the audit. 202, idempotent; later reads
of the call are 410 call-erased; webhooks get call.erased."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrSupervisor
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.privacy import ErasedCall
from functions.services.privacy import erasure

app = create_app("erase_call", __doc__, errors={**STORE, NotFound: "no such call"})


@app.delete("/calls/{call_id}", status_code=202, response_model=ErasedCall)
async def erase_call(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)], actor: ServiceOrSupervisor
) -> ErasedCall:
    return await erasure.erase(call_id, actor)


handler = Mangum(app, lifespan="off")
