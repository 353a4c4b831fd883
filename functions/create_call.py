"""POST /calls: open a call record."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Service
from functions.api.openapi_parts import STORE
from functions.domain.errors import Conflict
from functions.domain.models.call import Call, CreateCallRequest
from functions.services import calls

app = create_app(
    "create_call", __doc__, errors={**STORE, Conflict: "a call with this call_id exists"}
)


@app.post("/calls", status_code=201, response_model=Call)
async def create_call(body: CreateCallRequest, actor: Service) -> Call:
    return await calls.create_call(body, actor)


handler = Mangum(app, lifespan="off")
