from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.room_agent import RoomAgent
from ...models.start_agent_request import StartAgentRequest
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    room: str,
    *,
    body: StartAgentRequest,
    transfer_id: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    params: dict[str, Any] = {}

    json_transfer_id: None | str | Unset
    if isinstance(transfer_id, Unset):
        json_transfer_id = UNSET
    else:
        json_transfer_id = transfer_id
    params["transfer_id"] = json_transfer_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/rooms/{room}/agent".format(room=quote(str(room), safe=""),),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RoomAgent | None:
    if response.status_code == 200:
        response_200 = RoomAgent.from_dict(response.json())



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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | RoomAgent]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    room: str,
    *,
    client: AuthenticatedClient,
    body: StartAgentRequest,
    transfer_id: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | RoomAgent]:
    """ Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one

     Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one.

    Roles: agent, service.

    Args:
        room (str):
        transfer_id (None | str | Unset):
        idempotency_key (str | Unset):
        body (StartAgentRequest): POST /rooms/{room}/agent: the identity the agent joins under
            (else the worker's own).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoomAgent]
     """


    kwargs = _get_kwargs(
        room=room,
body=body,
transfer_id=transfer_id,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    room: str,
    *,
    client: AuthenticatedClient,
    body: StartAgentRequest,
    transfer_id: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Problem | RoomAgent | None:
    """ Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one

     Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one.

    Roles: agent, service.

    Args:
        room (str):
        transfer_id (None | str | Unset):
        idempotency_key (str | Unset):
        body (StartAgentRequest): POST /rooms/{room}/agent: the identity the agent joins under
            (else the worker's own).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoomAgent
     """


    return sync_detailed(
        room=room,
client=client,
body=body,
transfer_id=transfer_id,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    room: str,
    *,
    client: AuthenticatedClient,
    body: StartAgentRequest,
    transfer_id: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | RoomAgent]:
    """ Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one

     Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one.

    Roles: agent, service.

    Args:
        room (str):
        transfer_id (None | str | Unset):
        idempotency_key (str | Unset):
        body (StartAgentRequest): POST /rooms/{room}/agent: the identity the agent joins under
            (else the worker's own).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RoomAgent]
     """


    kwargs = _get_kwargs(
        room=room,
body=body,
transfer_id=transfer_id,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    room: str,
    *,
    client: AuthenticatedClient,
    body: StartAgentRequest,
    transfer_id: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Problem | RoomAgent | None:
    """ Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one

     Dispatch the AI voice agent into the room (LiveKit Agent Dispatch); a room that has it keeps that
    one.

    Roles: agent, service.

    Args:
        room (str):
        transfer_id (None | str | Unset):
        idempotency_key (str | Unset):
        body (StartAgentRequest): POST /rooms/{room}/agent: the identity the agent joins under
            (else the worker's own).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RoomAgent
     """


    return (await asyncio_detailed(
        room=room,
client=client,
body=body,
transfer_id=transfer_id,
idempotency_key=idempotency_key,

    )).parsed
