from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.transfer_records import TransferRecords
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    room_name: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_room_name: None | str | Unset
    if isinstance(room_name, Unset):
        json_room_name = UNSET
    else:
        json_room_name = room_name
    params["room_name"] = json_room_name

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v0/transfers",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TransferRecords | None:
    if response.status_code == 200:
        response_200 = TransferRecords.from_dict(response.json())



        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TransferRecords]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    room_name: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[Problem | TransferRecords]:
    """ Transfer records newest first, by caller's room

     Transfer records newest first, by caller's room.

    Roles: agent, service, supervisor.

    Args:
        room_name (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferRecords]
     """


    kwargs = _get_kwargs(
        room_name=room_name,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    room_name: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Problem | TransferRecords | None:
    """ Transfer records newest first, by caller's room

     Transfer records newest first, by caller's room.

    Roles: agent, service, supervisor.

    Args:
        room_name (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferRecords
     """


    return sync_detailed(
        client=client,
room_name=room_name,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    room_name: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[Problem | TransferRecords]:
    """ Transfer records newest first, by caller's room

     Transfer records newest first, by caller's room.

    Roles: agent, service, supervisor.

    Args:
        room_name (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferRecords]
     """


    kwargs = _get_kwargs(
        room_name=room_name,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    room_name: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Problem | TransferRecords | None:
    """ Transfer records newest first, by caller's room

     Transfer records newest first, by caller's room.

    Roles: agent, service, supervisor.

    Args:
        room_name (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferRecords
     """


    return (await asyncio_detailed(
        client=client,
room_name=room_name,
limit=limit,

    )).parsed
