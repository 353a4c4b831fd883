"""GET /health: liveness and version. Touches neither the store nor the LLM."""

from mangum import Mangum

from functions import __version__
from functions.api.app import create_app
from functions.domain.models import Health

app = create_app("health", __doc__, idempotent=False)


@app.get("/health", response_model=Health)
async def health() -> Health:
    return Health(version=__version__, function="health")


handler = Mangum(app, lifespan="off")
