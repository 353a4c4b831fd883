"""POST /transfers/{transfer_id}/decline: the offered agent says no (agents); the offer
moves on to another member, never back to this agent."""

from typing import Annotated

from fastapi import Body, Path
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Agent
from functions.api.openapi_parts import STORE
from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.models import ID_PATTERN
from functions.domain.models.routing import DeclineRequest
from functions.domain.models.transfer import Transfer
from functions.services import routing

app = create_app(
    "decline_transfer",
    __doc__,
    errors={
        **STORE,
        NotFound: "no such transfer, or one never offered to this agent",
        IllegalTransition: "the offer to this agent has ended (taken, withdrawn or run out)",
    },
)


@app.post("/transfers/{transfer_id}/decline", response_model=Transfer)
async def decline_transfer(
    transfer_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: Agent,
    body: Annotated[DeclineRequest | None, Body()] = None,
) -> Transfer:
    moved = await routing.decline(transfer_id, actor, body.reason if body else None)
    return Transfer(**moved.attributes)


handler = Mangum(app, lifespan="off")
