"""GET /webhooks: the subscriptions, newest first, without their secrets (supervisors)."""

from typing import Annotated

from fastapi import Depends
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import require
from functions.api.openapi import STORE
from functions.domain.actor import Actor
from functions.domain.models import Role
from functions.services.events import webhooks

app = create_app("list_webhooks", __doc__, errors=STORE)


@app.get("/webhooks", response_model=webhooks.WebhookList)
async def list_webhooks(
    actor: Annotated[Actor, Depends(require(Role.supervisor))],
) -> webhooks.WebhookList:
    return await webhooks.list_all()


handler = Mangum(app, lifespan="off")
