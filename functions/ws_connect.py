"""WebSocket $connect: the `token` query parameter is verified like every bearer token;
a bad one refuses the connection (API Gateway answers the upgrade with our status)."""

from __future__ import annotations

import uuid
from typing import Any

from functions.api.auth import decode_token
from functions.domain import connections
from functions.domain.errors import DomainError
from functions.shared import lambda_loop, logs

FUNCTION = "ws_connect"
logs.configure()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    context_ = event["requestContext"]
    request_id = getattr(context, "aws_request_id", None) or uuid.uuid4().hex
    token = (event.get("queryStringParameters") or {}).get("token")
    endpoint = connections.management_endpoint(context_["domainName"], context_["stage"])
    with logs.bound(request_id, FUNCTION):
        try:
            actor = decode_token(token) if token else None
            lambda_loop.run(connections.connect(actor, context_["connectionId"], endpoint))
        except DomainError as exc:
            return {"statusCode": exc.status, "body": exc.detail}
    return {"statusCode": 200}
