"""The one decorator of a Lambda function Mangum does not run (streams, queues, the
WebSocket routes, schedules): logs set up and SnapStart prepared once at import, and each
invocation logged under the function's name and the event's correlation id."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from functions.runtime import snapstart
from functions.shared import logs

Handler = TypeVar("Handler", bound=Callable[[dict[str, Any], Any], Any])


def event_function(name: str) -> Callable[[Handler], Handler]:
    logs.configure()
    snapstart.prepare_event_function()

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def bound(event: dict[str, Any], context: Any) -> Any:
            with logs.bound(name, logs.correlation_id(event, context), context):
                return handler(event, context)

        return bound  # type: ignore[return-value]

    return wrap
