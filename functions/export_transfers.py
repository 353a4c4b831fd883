"""GET /transfers/export: the transfers initiated in a period (at most 31 days), oldest
first, as CSV (supervisors)."""

from fastapi.responses import Response
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.period import From, To
from functions.domain.errors import BadRequest, ServiceUnavailable
from functions.services import stats

app = create_app(
    "export_transfers",
    __doc__,
    errors={
        BadRequest: "from not before to, over 31 days, or over 20,000 transfers",
        ServiceUnavailable: "the store is unavailable",
    },
    idempotent=False,
)


@app.get(
    "/transfers/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "One row per transfer"}},
)
async def export_transfers(
    actor: Supervisor,
    start: From = None,
    end: To = None,
) -> Response:
    body = await stats.export(start, end)
    name = f"transfers-{(start or end or 'today')!s:.10}.csv".replace(":", "-")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


handler = Mangum(app, lifespan="off")
