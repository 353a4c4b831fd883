"""?from= and ?to= of a period (GET /stats, GET /transfers/export): ISO 8601, UTC unless
they say otherwise, rounded out to whole hours by the service."""

from datetime import datetime
from typing import Annotated

from fastapi import Query

From = Annotated[datetime | None, Query(alias="from", description="Default: today 00:00 UTC")]
To = Annotated[datetime | None, Query(alias="to", description="Excluded; default: now")]
