"""DELETE /queues/{queue}: remove a queue (supervisors); refused while transfers wait in it."""

from typing import Annotated

from fastapi import Path, Response
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.errors import Conflict, NotFound
from functions.domain.models import ID_PATTERN
from functions.services import queues

app = create_app(
    "delete_queue",
    __doc__,
    errors={**STORE, NotFound: "no such queue", Conflict: "transfers are waiting in it"},
    idempotent=False,
)


@app.delete("/queues/{queue}", status_code=204)
async def delete_queue(
    queue: Annotated[str, Path(pattern=ID_PATTERN)], actor: Supervisor
) -> Response:
    await queues.delete(queue)
    return Response(status_code=204)


handler = Mangum(app, lifespan="off")
