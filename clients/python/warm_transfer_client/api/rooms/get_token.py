from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.legacy_token import LegacyToken
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    room_name: str,
    identity: None | str | Unset = UNSET,
    transfer_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["room_name"] = room_name

    json_identity: None | str | Unset
    if isinstance(identity, Unset):
        json_identity = UNSET
    else:
        json_identity = identity
    params["identity"] = json_identity

    json_transfer_id: None | str | Unset
    if isinstance(transfer_id, Unset):
        json_transfer_id = UNSET
    else:
        json_transfer_id = transfer_id
    params["transfer_id"] = json_transfer_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/get-token",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LegacyToken | Problem | None:
    if response.status_code == 200:
        response_200 = LegacyToken.from_dict(response.json())



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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[LegacyToken | Problem]:
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
    identity: None | str | Unset = UNSET,
    transfer_id: None | str | Unset = UNSET,

) -> Response[LegacyToken | Problem]:
    """ The older API's join token, as {accessToken}

     The older API's join token, as {accessToken}.

    Same rules and code as POST /token; only the request and response shapes differ.

    Roles: agent, service.

    Args:
        room_name (str):
        identity (None | str | Unset):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LegacyToken | Problem]
     """


    kwargs = _get_kwargs(
        room_name=room_name,
identity=identity,
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
    identity: None | str | Unset = UNSET,
    transfer_id: None | str | Unset = UNSET,

) -> LegacyToken | Problem | None:
    """ The older API's join token, as {accessToken}

     The older API's join token, as {accessToken}.

    Same rules and code as POST /token; only the request and response shapes differ.

    Roles: agent, service.

    Args:
        room_name (str):
        identity (None | str | Unset):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LegacyToken | Problem
     """


    return sync_detailed(
        client=client,
room_name=room_name,
identity=identity,
transfer_id=transfer_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    room_name: str,
    identity: None | str | Unset = UNSET,
    transfer_id: None | str | Unset = UNSET,

) -> Response[LegacyToken | Problem]:
    """ The older API's join token, as {accessToken}

     The older API's join token, as {accessToken}.

    Same rules and code as POST /token; only the request and response shapes differ.

    Roles: agent, service.

    Args:
        room_name (str):
        identity (None | str | Unset):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LegacyToken | Problem]
     """


    kwargs = _get_kwargs(
        room_name=room_name,
identity=identity,
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
    identity: None | str | Unset = UNSET,
    transfer_id: None | str | Unset = UNSET,

) -> LegacyToken | Problem | None:
    """ The older API's join token, as {accessToken}

     The older API's join token, as {accessToken}.

    Same rules and code as POST /token; only the request and response shapes differ.

    Roles: agent, service.

    Args:
        room_name (str):
        identity (None | str | Unset):
        transfer_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LegacyToken | Problem
     """


    return (await asyncio_detailed(
        client=client,
room_name=room_name,
identity=identity,
transfer_id=transfer_id,

    )).parsed
