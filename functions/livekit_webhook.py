"""POST /livekit/webhook: LiveKit's room events (its webhook, signed with this deployment's
LiveKit key): the caller leaving abandons the open transfer; the receiving agent joining the
consult room, then the caller's room, is recorded. Each event is applied once, by its id;
an unsigned or altered one is a 401 and changes nothing."""

from fastapi import Request
from mangum import Mangum
from pydantic import BaseModel, Field

from functions.api.app import create_app
from functions.api.openapi_parts import LIVEKIT, STORE
from functions.domain.errors import Unauthorized
from functions.services import telephony

app = create_app(
    "livekit_webhook",
    __doc__,
    errors={
        **STORE,
        **LIVEKIT,
        Unauthorized: "the Authorization token is not LiveKit's signature of this body",
    },
    idempotent=False,
)


class Received(BaseModel):
    applied: bool = Field(description="False when this event was applied before (a redelivery)")


@app.post("/livekit/webhook", response_model=Received)
async def livekit_webhook(request: Request) -> Received:
    body = (await request.body()).decode("utf-8", errors="replace")
    applied = await telephony.receive(body, request.headers.get("authorization"))
    return Received(applied=applied)


handler = Mangum(app, lifespan="off")
