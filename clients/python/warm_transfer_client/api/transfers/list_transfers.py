from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.transfer_page import TransferPage
from ...models.transfer_status import TransferStatus
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    status: None | TransferStatus | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    caller_room: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, TransferStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_agent: None | str | Unset
    if isinstance(agent, Unset):
        json_agent = UNSET
    else:
        json_agent = agent
    params["agent"] = json_agent

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_caller_room: None | str | Unset
    if isinstance(caller_room, Unset):
        json_caller_room = UNSET
    else:
        json_caller_room = caller_room
    params["caller_room"] = json_caller_room


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/transfers",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TransferPage | None:
    if response.status_code == 200:
        response_200 = TransferPage.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TransferPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | TransferStatus | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    caller_room: None | str | Unset = UNSET,

) -> Response[Problem | TransferPage]:
    """ Transfers newest first, filtered by status or agent, a page at a time

     Transfers newest first, filtered by status or agent, a page at a time.

    Roles: agent, supervisor.

    Args:
        status (None | TransferStatus | Unset):
        agent (None | str | Unset):
        limit (int | None | Unset):
        cursor (None | str | Unset):
        caller_room (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferPage]
     """


    kwargs = _get_kwargs(
        status=status,
agent=agent,
limit=limit,
cursor=cursor,
caller_room=caller_room,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    status: None | TransferStatus | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    caller_room: None | str | Unset = UNSET,

) -> Problem | TransferPage | None:
    """ Transfers newest first, filtered by status or agent, a page at a time

     Transfers newest first, filtered by status or agent, a page at a time.

    Roles: agent, supervisor.

    Args:
        status (None | TransferStatus | Unset):
        agent (None | str | Unset):
        limit (int | None | Unset):
        cursor (None | str | Unset):
        caller_room (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferPage
     """


    return sync_detailed(
        client=client,
status=status,
agent=agent,
limit=limit,
cursor=cursor,
caller_room=caller_room,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | TransferStatus | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    caller_room: None | str | Unset = UNSET,

) -> Response[Problem | TransferPage]:
    """ Transfers newest first, filtered by status or agent, a page at a time

     Transfers newest first, filtered by status or agent, a page at a time.

    Roles: agent, supervisor.

    Args:
        status (None | TransferStatus | Unset):
        agent (None | str | Unset):
        limit (int | None | Unset):
        cursor (None | str | Unset):
        caller_room (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferPage]
     """


    kwargs = _get_kwargs(
        status=status,
agent=agent,
limit=limit,
cursor=cursor,
caller_room=caller_room,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | TransferStatus | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    caller_room: None | str | Unset = UNSET,

) -> Problem | TransferPage | None:
    """ Transfers newest first, filtered by status or agent, a page at a time

     Transfers newest first, filtered by status or agent, a page at a time.

    Roles: agent, supervisor.

    Args:
        status (None | TransferStatus | Unset):
        agent (None | str | Unset):
        limit (int | None | Unset):
        cursor (None | str | Unset):
        caller_room (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferPage
     """


    return (await asyncio_detailed(
        client=client,
status=status,
agent=agent,
limit=limit,
cursor=cursor,
caller_room=caller_room,

    )).parsed
