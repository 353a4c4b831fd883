from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.presence import Presence
from ...models.problem import Problem
from ...models.set_phone_request import SetPhoneRequest
from typing import cast



def _get_kwargs(
    *,
    body: SetPhoneRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/agents/me/phone",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Presence | Problem | None:
    if response.status_code == 200:
        response_200 = Presence.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Presence | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SetPhoneRequest,

) -> Response[Presence | Problem]:
    """ The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back)

     The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back). Answered, the agent has the transfer as from its
    console.

    Roles: agent.

    Args:
        body (SetPhoneRequest): PUT /agents/me/phone: a phone to ring, while the console is
            closed, when a queue of
            the agent offers it a transfer (null: none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Presence | Problem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: SetPhoneRequest,

) -> Presence | Problem | None:
    """ The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back)

     The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back). Answered, the agent has the transfer as from its
    console.

    Roles: agent.

    Args:
        body (SetPhoneRequest): PUT /agents/me/phone: a phone to ring, while the console is
            closed, when a queue of
            the agent offers it a transfer (null: none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Presence | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SetPhoneRequest,

) -> Response[Presence | Problem]:
    """ The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back)

     The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back). Answered, the agent has the transfer as from its
    console.

    Roles: agent.

    Args:
        body (SetPhoneRequest): PUT /agents/me/phone: a phone to ring, while the console is
            closed, when a queue of
            the agent offers it a transfer (null: none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Presence | Problem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SetPhoneRequest,

) -> Presence | Problem | None:
    """ The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back)

     The agent gives a phone to be rung on, while its console is closed, when one of its queues offers it
    a transfer (LiveKit SIP; null takes it back). Answered, the agent has the transfer as from its
    console.

    Roles: agent.

    Args:
        body (SetPhoneRequest): PUT /agents/me/phone: a phone to ring, while the console is
            closed, when a queue of
            the agent offers it a transfer (null: none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Presence | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
