"""PUT /queues/{queue}: create or replace a queue (supervisors): its members, how it offers
transfers (longest_idle or ring_all), the offer timeout, the longest wait before overflow_to,
and the agents' wrap-up. Waiting transfers are offered to its free members at once."""

from typing import Annotated

from fastapi import Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.errors import Conflict
from functions.domain.models import ID_PATTERN
from functions.domain.models.routing import Queue, QueueSettings
from functions.services import queues

app = create_app(
    "put_queue",
    __doc__,
    errors={**STORE, Conflict: "overflow_to names the queue itself"},
    idempotent=False,
)


@app.put("/queues/{queue}", response_model=Queue)
async def put_queue(
    queue: Annotated[str, Path(pattern=ID_PATTERN)], body: QueueSettings, actor: Supervisor
) -> Queue:
    return await queues.put(queue, body)


handler = Mangum(app, lifespan="off")
