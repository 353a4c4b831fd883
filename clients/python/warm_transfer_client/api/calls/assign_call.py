from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.assign_call_request import AssignCallRequest
from ...models.call_assignment import CallAssignment
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    call_id: str,
    *,
    body: AssignCallRequest,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/calls/{call_id}/assign".format(call_id=quote(str(call_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CallAssignment | Problem | None:
    if response.status_code == 200:
        response_200 = CallAssignment.from_dict(response.json())



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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CallAssignment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    call_id: str,
    *,
    client: AuthenticatedClient,
    body: AssignCallRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[CallAssignment | Problem]:
    """ Put an agent on a call (the speech pipeline moves it)

     Put an agent on a call (the speech pipeline moves it).

    Roles: service.

    Args:
        call_id (str):
        idempotency_key (str | Unset):
        body (AssignCallRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CallAssignment | Problem]
     """


    kwargs = _get_kwargs(
        call_id=call_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    call_id: str,
    *,
    client: AuthenticatedClient,
    body: AssignCallRequest,
    idempotency_key: str | Unset = UNSET,

) -> CallAssignment | Problem | None:
    """ Put an agent on a call (the speech pipeline moves it)

     Put an agent on a call (the speech pipeline moves it).

    Roles: service.

    Args:
        call_id (str):
        idempotency_key (str | Unset):
        body (AssignCallRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CallAssignment | Problem
     """


    return sync_detailed(
        call_id=call_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    call_id: str,
    *,
    client: AuthenticatedClient,
    body: AssignCallRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[CallAssignment | Problem]:
    """ Put an agent on a call (the speech pipeline moves it)

     Put an agent on a call (the speech pipeline moves it).

    Roles: service.

    Args:
        call_id (str):
        idempotency_key (str | Unset):
        body (AssignCallRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CallAssignment | Problem]
     """


    kwargs = _get_kwargs(
        call_id=call_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    call_id: str,
    *,
    client: AuthenticatedClient,
    body: AssignCallRequest,
    idempotency_key: str | Unset = UNSET,

) -> CallAssignment | Problem | None:
    """ Put an agent on a call (the speech pipeline moves it)

     Put an agent on a call (the speech pipeline moves it).

    Roles: service.

    Args:
        call_id (str):
        idempotency_key (str | Unset):
        body (AssignCallRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CallAssignment | Problem
     """


    return (await asyncio_detailed(
        call_id=call_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
