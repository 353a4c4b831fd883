"""DELETE /webhooks/{webhook_id}: unsubscribe (supervisors); queued deliveries are dropped."""

from typing import Annotated

from fastapi import Path, Response
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.errors import NotFound
from functions.domain.models import ID_PATTERN
from functions.services.events import webhooks

app = create_app("delete_webhook", __doc__, errors={**STORE, NotFound: "no such webhook"})


@app.delete("/webhooks/{webhook_id}", status_code=204)
async def delete_webhook(
    webhook_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: Supervisor,
) -> Response:
    await webhooks.delete(webhook_id)
    return Response(status_code=204)


handler = Mangum(app, lifespan="off")
