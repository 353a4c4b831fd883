from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.erased_call import ErasedCall
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    call_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/calls/{call_id}".format(call_id=quote(str(call_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErasedCall | Problem | None:
    if response.status_code == 202:
        response_202 = ErasedCall.from_dict(response.json())



        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErasedCall | Problem]:
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

) -> Response[ErasedCall | Problem]:
    """ Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit

     Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit. 202, idempotent; later reads of the call are 410 call-erased; webhooks get
    call.erased.

    Roles: service, supervisor.

    Args:
        call_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasedCall | Problem]
     """


    kwargs = _get_kwargs(
        call_id=call_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    call_id: str,
    *,
    client: AuthenticatedClient,

) -> ErasedCall | Problem | None:
    """ Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit

     Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit. 202, idempotent; later reads of the call are 410 call-erased; webhooks get
    call.erased.

    Roles: service, supervisor.

    Args:
        call_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasedCall | Problem
     """


    return sync_detailed(
        call_id=call_id,
client=client,

    ).parsed

async def asyncio_detailed(
    call_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[ErasedCall | Problem]:
    """ Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit

     Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit. 202, idempotent; later reads of the call are 410 call-erased; webhooks get
    call.erased.

    Roles: service, supervisor.

    Args:
        call_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasedCall | Problem]
     """


    kwargs = _get_kwargs(
        call_id=call_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    call_id: str,
    *,
    client: AuthenticatedClient,

) -> ErasedCall | Problem | None:
    """ Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit

     Erase a call on the caller's request (supervisors, services): its transcript, the caller's details
    and its transfers' briefings; its consult rooms are closed; a tombstone (who, when, counts) stays
    for the audit. 202, idempotent; later reads of the call are 410 call-erased; webhooks get
    call.erased.

    Roles: service, supervisor.

    Args:
        call_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasedCall | Problem
     """


    return (await asyncio_detailed(
        call_id=call_id,
client=client,

    )).parsed
