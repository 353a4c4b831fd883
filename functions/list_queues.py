"""GET /queues: every queue (supervisors), each with who waits now and its members by status."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.models.routing import QueueList
from functions.services import queues

app = create_app("list_queues", __doc__, errors=STORE, idempotent=False)


@app.get("/queues", response_model=QueueList)
async def list_queues(actor: Supervisor) -> QueueList:
    return await queues.list_all()


handler = Mangum(app, lifespan="off")
