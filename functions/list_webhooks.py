"""GET /webhooks: the subscriptions, newest first, without their secrets (supervisors)."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.services.events import webhooks

app = create_app("list_webhooks", __doc__, errors=STORE, idempotent=False)


@app.get("/webhooks", response_model=webhooks.WebhookList)
async def list_webhooks(
    actor: Supervisor,
) -> webhooks.WebhookList:
    return await webhooks.list_all()


handler = Mangum(app, lifespan="off")
