"""POST /initiate-transfer: start a warm transfer of a call, with a briefing for the agent."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import ServiceOrAgent
from functions.api.openapi_parts import STORE
from functions.domain.errors import (
    CallErased,
    Conflict,
    Forbidden,
    NotFound,
    SipNotConfigured,
)
from functions.domain.models.transfer import InitiatedTransfer, InitiateTransferRequest
from functions.services import transfers

# Join tokens are secrets with a short life: a replay leaves them out (mint anew: POST /token).
app = create_app(
    "initiate_transfer",
    __doc__,
    errors={
        **STORE,
        NotFound: "no such call, or (an agent) not a call it is on",
        Forbidden: "an agent naming another from_agent, or naming caller_room",
        Conflict: "to_agent already has the call, or caller_room differs from the call's",
        SipNotConfigured: "to_phone without LIVEKIT_SIP_OUTBOUND_TRUNK_ID (or LiveKit)",
        CallErased: "the call was erased (DELETE /calls/{call_id})",
    },
    unstored_fields=frozenset({"join_tokens"}),
)


@app.post("/initiate-transfer", status_code=201, response_model=InitiatedTransfer)
async def initiate_transfer(
    body: InitiateTransferRequest,
    actor: ServiceOrAgent,
) -> InitiatedTransfer:
    return await transfers.initiate(body, actor)


handler = Mangum(app, lifespan="off")
