"""GET /console, /console/{proxy+}: the agent console, a static page (console/dist).

Not in the OpenAPI document: these are a web page's files, not API."""

from functools import cache
from typing import Annotated

from fastapi import Depends, Request, Response
from mangum import Mangum

from functions.api import console_files
from functions.api.app import create_app
from functions.shared.settings import Settings, get_settings

app = create_app("serve_console", __doc__, idempotent=False)
CurrentSettings = Annotated[Settings, Depends(get_settings)]


@cache
def _site(settings: Settings) -> console_files.ConsoleFiles:
    return console_files.ConsoleFiles(settings)


@app.get("/console/config.json", include_in_schema=False)
async def config(settings: CurrentSettings) -> Response:
    return console_files.client_config(settings)


# HEAD too (uptime checks): StaticFiles answers it with the headers alone.
@app.api_route("/console", methods=["GET", "HEAD"], include_in_schema=False)
@app.api_route("/console/{proxy:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def console(request: Request, settings: CurrentSettings, proxy: str = "") -> Response:
    return await _site(settings).get_response(proxy, request.scope)


handler = Mangum(app, lifespan="off")
