"""GET /calls/{call_id}/audit: who read the call's transcript or its briefings, and when
(supervisors), newest first. Reads by services are counted (the ServiceReads metric), not
listed."""

from typing import Annotated

from fastapi import Path, Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.openapi_parts import STORE
from functions.domain.errors import InvalidCursor
from functions.domain.models import ID_PATTERN
from functions.domain.models.privacy import AuditPage
from functions.services.privacy import audit

app = create_app(
    "get_call_audit",
    __doc__,
    errors={**STORE, InvalidCursor: "the cursor is malformed, tampered with or of another call"},
    idempotent=False,
)


@app.get("/calls/{call_id}/audit", response_model=AuditPage)
async def get_call_audit(
    call_id: Annotated[str, Path(pattern=ID_PATTERN)],
    actor: Supervisor,
    limit: Annotated[int | None, Query(ge=1, le=100)] = None,
    cursor: Annotated[str | None, Query(max_length=1024)] = None,
) -> AuditPage:
    return await audit.page(call_id, limit, cursor)


handler = Mangum(app, lifespan="off")
