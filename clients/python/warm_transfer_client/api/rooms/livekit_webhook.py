from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.received import Received
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/livekit/webhook",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Received | None:
    if response.status_code == 200:
        response_200 = Received.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())



        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())



        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Received]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[Problem | Received]:
    """ LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded

     LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded. Each event is applied once, by its id; an unsigned or altered one is a 401 and changes
    nothing.

    Public: no token needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Received]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,

) -> Problem | Received | None:
    """ LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded

     LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded. Each event is applied once, by its id; an unsigned or altered one is a 401 and changes
    nothing.

    Public: no token needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Received
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[Problem | Received]:
    """ LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded

     LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded. Each event is applied once, by its id; an unsigned or altered one is a 401 and changes
    nothing.

    Public: no token needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Received]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,

) -> Problem | Received | None:
    """ LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded

     LiveKit's room events (its webhook, signed with this deployment's LiveKit key): the caller leaving
    abandons the open transfer; the receiving agent joining the consult room, then the caller's room, is
    recorded. Each event is applied once, by its id; an unsigned or altered one is a 401 and changes
    nothing.

    Public: no token needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Received
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
