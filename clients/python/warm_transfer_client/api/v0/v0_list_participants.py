from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.participant_list import ParticipantList
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    room_name: str,
    transfer_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["room_name"] = room_name

    json_transfer_id: None | str | Unset
    if isinstance(transfer_id, Unset):
        json_transfer_id = UNSET
    else:
        json_transfer_id = transfer_id
    params["transfer_id"] = json_transfer_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v0/participants",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ParticipantList | Problem | None:
    if response.status_code == 200:
        response_200 = ParticipantList.from_dict(response.json())



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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ParticipantList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    room_name: str,
    transfer_id: None | str | Unset = UNSET,

) -> Response[ParticipantList | Problem]:
    """ Who is in a room; an unknown room has nobody

     Who is in a room; an unknown room has nobody.

    Roles: agent, service, supervisor.

    Args:
        room_name (str):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantList | Problem]
     """


    kwargs = _get_kwargs(
        room_name=room_name,
transfer_id=transfer_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    room_name: str,
    transfer_id: None | str | Unset = UNSET,

) -> ParticipantList | Problem | None:
    """ Who is in a room; an unknown room has nobody

     Who is in a room; an unknown room has nobody.

    Roles: agent, service, supervisor.

    Args:
        room_name (str):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantList | Problem
     """


    return sync_detailed(
        client=client,
room_name=room_name,
transfer_id=transfer_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    room_name: str,
    transfer_id: None | str | Unset = UNSET,

) -> Response[ParticipantList | Problem]:
    """ Who is in a room; an unknown room has nobody

     Who is in a room; an unknown room has nobody.

    Roles: agent, service, supervisor.

    Args:
        room_name (str):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantList | Problem]
     """


    kwargs = _get_kwargs(
        room_name=room_name,
transfer_id=transfer_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    room_name: str,
    transfer_id: None | str | Unset = UNSET,

) -> ParticipantList | Problem | None:
    """ Who is in a room; an unknown room has nobody

     Who is in a room; an unknown room has nobody.

    Roles: agent, service, supervisor.

    Args:
        room_name (str):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantList | Problem
     """


    return (await asyncio_detailed(
        client=client,
room_name=room_name,
transfer_id=transfer_id,

    )).parsed
