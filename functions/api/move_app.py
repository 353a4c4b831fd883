"""The app of one lifecycle move (accept, complete, cancel): the three differ only in the action."""

from typing import Annotated

from fastapi import Depends, FastAPI, Path

from functions.api.app import create_app
from functions.api.auth import require
from functions.api.openapi_parts import STORE, Errors
from functions.domain.actor import Actor
from functions.domain.errors import IllegalTransition, NotFound
from functions.domain.lifecycle import ALLOWED_ROLES, Action
from functions.domain.models import ID_PATTERN
from functions.domain.models.transfer import Transfer
from functions.services import transfers


def create_move_app(action: Action, about: str | None) -> FastAPI:
    """`about`: the handler module's docstring (the operation's summary and description)."""
    errors: Errors = {
        **STORE,
        NotFound: "no such transfer, or (an agent) one that does not name it",
        IllegalTransition: "the transfer's status does not allow this move now "
        "(the problem names the action and current_status)",
    }
    app = create_app(f"{action.value}_transfer", about, errors=errors)
    allowed = require(*sorted(ALLOWED_ROLES[action]))

    @app.post(
        f"/transfers/{{transfer_id}}/{action.value}",
        response_model=Transfer,
        name=f"{action.value}_transfer",
    )
    async def move_transfer(
        transfer_id: Annotated[str, Path(pattern=ID_PATTERN)],
        actor: Annotated[Actor, Depends(allowed)],
    ) -> Transfer:
        return await transfers.move(transfer_id, action, actor)

    return app
