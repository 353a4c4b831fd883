"""WebSocket $connect: the `token` query parameter is verified like every bearer token;
a bad one refuses the connection (API Gateway answers the upgrade with our status)."""

from __future__ import annotations

from typing import Any

from functions.domain.actor import Actor
from functions.domain.errors import DomainError
from functions.identity.tokens import expiry, verify
from functions.runtime import loop as lambda_loop
from functions.runtime.event_function import event_function
from functions.services.events import connections


async def _connect(token: str | None, connection_id: str, endpoint: str) -> None:
    # No authorizer runs on $connect: the token is verified here (the issuer's keys, or
    # HS256 without an issuer), as functions/identity verifies every bearer token.
    actor: Actor | None = await verify(token) if token else None
    # The socket lives no longer than its token: nothing is pushed past its `exp`.
    ends = expiry(token) if token else None
    await connections.connect(actor, connection_id, endpoint, token_expires_at=ends)


@event_function("ws_connect")
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    context_ = event["requestContext"]
    token = (event.get("queryStringParameters") or {}).get("token")
    endpoint = connections.management_endpoint(context_["domainName"], context_["stage"])
    try:
        lambda_loop.run(_connect(token, context_["connectionId"], endpoint))
    except DomainError as exc:
        return {"statusCode": exc.status, "body": exc.detail}
    return {"statusCode": 200}
