"""The app factory every endpoint function uses: one FastAPI app per Lambda function."""

from __future__ import annotations

from fastapi import FastAPI

from functions import __version__
from functions.core import problems


def create_app(function_name: str) -> FastAPI:
    # No docs routes in Lambda: the local server publishes one merged OpenAPI document.
    app = FastAPI(
        title=f"warm-transfer {function_name}",
        version=__version__,
        docs_url=None,
        redoc_url=None,
    )
    problems.install(app)
    app.state.function_name = function_name
    return app
