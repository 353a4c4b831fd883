"""POST /webhooks: subscribe a URL to transfer events (supervisors). The signing secret is
in this answer only: an Idempotency-Key replay answers without it."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.services.events import webhooks

app = create_app(
    "create_webhook",
    __doc__,
    errors={
        **STORE,
        webhooks.TargetRefused: (
            "the URL is not https, has credentials, does not resolve or is not public"
        ),
    },
    unstored_fields=frozenset({"secret"}),
)


@app.post("/webhooks", status_code=201, response_model=webhooks.CreatedWebhook)
async def create_webhook(
    body: webhooks.CreateWebhookRequest,
    actor: Supervisor,
) -> webhooks.CreatedWebhook:
    return await webhooks.create(body, actor)


handler = Mangum(app, lifespan="off")
