"""PUT /agents/me/phone: the agent gives a phone to be rung on, while its console is closed,
when one of its queues offers it a transfer (LiveKit SIP; null takes it back). Answered,
the agent has the transfer as from its console."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Agent
from functions.api.openapi_parts import STORE
from functions.domain.errors import SipNotConfigured
from functions.domain.models.routing import Presence, SetPhoneRequest
from functions.services import presence

app = create_app(
    "set_agent_phone",
    __doc__,
    errors={**STORE, SipNotConfigured: "no LIVEKIT_SIP_OUTBOUND_TRUNK_ID to dial through"},
    idempotent=False,
)


@app.put("/agents/me/phone", response_model=Presence)
async def set_agent_phone(body: SetPhoneRequest, actor: Agent) -> Presence:
    return await presence.set_phone(actor, body.phone, body.dtmf)


handler = Mangum(app, lifespan="off")
