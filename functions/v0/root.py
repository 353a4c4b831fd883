"""GET /v0/: the older API's greeting."""

from mangum import Mangum

from functions.api.app import create_app
from functions.domain.models.v0 import Message

app = create_app("v0_root", __doc__, idempotent=False)


@app.get("/v0/", response_model=Message)
# API Gateway routes "/v0" and "/v0/" alike (serverless-offline hands the route over as
# "/v0"): answer both rather than redirect an older client.
@app.get("/v0", response_model=Message, include_in_schema=False)
async def root() -> Message:
    return Message(message="Warm Transfer API is running")


handler = Mangum(app, lifespan="off")
