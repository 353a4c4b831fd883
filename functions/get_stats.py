"""GET /stats: transfers' KPIs for a period, in total and per hour or day, for everyone, a
queue or an agent, or grouped by queue or agent (supervisors). Read from the counters the
stream keeps (O(hours or days) items), never from the transfers."""

from typing import Annotated

from fastapi import Query
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Supervisor
from functions.api.period import From, To
from functions.domain.errors import BadRequest, ServiceUnavailable
from functions.domain.models import ID_PATTERN
from functions.domain.models.stats import Bucket, GroupBy, StatsReport
from functions.services import stats

app = create_app(
    "get_stats",
    __doc__,
    errors={
        BadRequest: "from not before to, too long a period, or queue/agent with group_by",
        ServiceUnavailable: "the store is unavailable",
    },
    idempotent=False,
)


@app.get("/stats", response_model=StatsReport)
async def get_stats(
    actor: Supervisor,
    start: From = None,
    end: To = None,
    bucket: Bucket = Bucket.hour,
    queue: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    agent: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    group_by: GroupBy | None = None,
) -> StatsReport:
    return await stats.report(
        start=start, end=end, bucket=bucket, queue=queue, agent=agent, group_by=group_by
    )


handler = Mangum(app, lifespan="off")
