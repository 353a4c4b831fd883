"""GET /queues/{queue}: a queue (supervisors), with who waits now (`waiting`,
`longest_wait_seconds`) and its members by status (`agents`)."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.routing import Queue
from functions.services import queues

app = create_app(
    "get_queue", __doc__, errors={**STORE, NotFound: "no such queue"}, idempotent=False
)


@app.get("/queues/{queue}", response_model=Queue)
async def get_queue(queue: Annotated[str, Path(pattern=ID_PATTERN)], actor: Supervisor) -> Queue:
    return await queues.get(queue)


handler = Mangum(app, lifespan="off")
