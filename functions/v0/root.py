"""GET /v0/: the older API's greeting."""

from mangum import Mangum

from functions.api.app import create_app
from functions.domain.v0_models import Message

app = create_app("v0_root")


@app.get("/v0/", response_model=Message)
async def root() -> Message:
    return Message(message="Warm Transfer API is running")


handler = Mangum(app, lifespan="off")
