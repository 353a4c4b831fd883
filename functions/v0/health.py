"""GET /v0/health: the older API's liveness answer. Touches neither the store nor the LLM."""

from mangum import Mangum

from functions.api.app import create_app
from functions.domain.models.v0 import Healthy
from functions.shared import clock

app = create_app("v0_health", __doc__, idempotent=False)


@app.get("/v0/health", response_model=Healthy)
async def health() -> Healthy:
    return Healthy(timestamp=clock.now().timestamp())


handler = Mangum(app, lifespan="off")
