"""The API Gateway Management API (@connections): send a message to one WebSocket.

aioboto3 stays in functions/store/ (the one package that knows AWS SDKs); this adapter is
the only code that talks to the Management API.
"""

from __future__ import annotations

import asyncio

from botocore.exceptions import BotoCoreError, ClientError

from functions.messaging import clients as aws
from functions.shared.settings import get_settings


class SocketGone(Exception):
    """The socket is closed (410): its connection record should be deleted."""


class SocketFailed(Exception):
    """The Management API did not take the message (throttled, 5xx, timeout, ...)."""


async def post(endpoint: str, connection_id: str, data: bytes) -> None:
    """post_to_connection; SocketGone for a closed socket, SocketFailed otherwise."""
    settings = get_settings()
    client = await aws.service_client("apigatewaymanagementapi", endpoint)
    try:
        async with asyncio.timeout(settings.websocket_post_timeout_seconds):
            await client.post_to_connection(ConnectionId=connection_id, Data=data)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "GoneException":
            raise SocketGone(connection_id) from exc
        raise SocketFailed(connection_id) from exc
    except (BotoCoreError, TimeoutError) as exc:
        raise SocketFailed(connection_id) from exc
