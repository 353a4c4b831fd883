"""The monolith baseline: the older system's shape, one app with every route and dependency.

Every function module and every SDK is imported up front, and all routes are served by
one FastAPI app behind one Mangum handler, as a single-app deployment would cold start.
"""

from __future__ import annotations

import importlib
from typing import Any


def build(modules: list[str]) -> Any:
    import groq  # noqa: F401 - every dependency, eagerly, as one app imports them
    import livekit.api  # noqa: F401
    from mangum import Mangum

    from functions.api.app import create_app

    app = create_app("monolith")
    for name in modules:
        function_app = importlib.import_module(f"functions.{name}").app
        app.router.routes.extend(function_app.router.routes)
    return Mangum(app, lifespan="off")
