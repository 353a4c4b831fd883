"""The app of one lifecycle move (accept, complete, cancel): the three differ only in the action."""

from typing import Annotated

from fastapi import Depends, FastAPI, Path

from functions.api.app import create_app
from functions.api.auth import require
from functions.domain import transfers
from functions.domain.lifecycle import ALLOWED_ROLES, Action, Actor
from functions.domain.models import ID_PATTERN, Transfer


def create_move_app(action: Action) -> FastAPI:
    app = create_app(f"{action.value}_transfer")
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
