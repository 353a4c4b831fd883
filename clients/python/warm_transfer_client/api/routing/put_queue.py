from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.queue import Queue
from ...models.queue_settings import QueueSettings
from typing import cast



def _get_kwargs(
    queue: str,
    *,
    body: QueueSettings,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/queues/{queue}".format(queue=quote(str(queue), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Queue | None:
    if response.status_code == 200:
        response_200 = Queue.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Queue]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    queue: str,
    *,
    client: AuthenticatedClient,
    body: QueueSettings,

) -> Response[Problem | Queue]:
    """ Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up

     Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up. Waiting
    transfers are offered to its free members at once.

    Roles: supervisor.

    Args:
        queue (str):
        body (QueueSettings): PUT /queues/{queue}: the whole queue (a PUT replaces it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Queue]
     """


    kwargs = _get_kwargs(
        queue=queue,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    queue: str,
    *,
    client: AuthenticatedClient,
    body: QueueSettings,

) -> Problem | Queue | None:
    """ Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up

     Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up. Waiting
    transfers are offered to its free members at once.

    Roles: supervisor.

    Args:
        queue (str):
        body (QueueSettings): PUT /queues/{queue}: the whole queue (a PUT replaces it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Queue
     """


    return sync_detailed(
        queue=queue,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    queue: str,
    *,
    client: AuthenticatedClient,
    body: QueueSettings,

) -> Response[Problem | Queue]:
    """ Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up

     Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up. Waiting
    transfers are offered to its free members at once.

    Roles: supervisor.

    Args:
        queue (str):
        body (QueueSettings): PUT /queues/{queue}: the whole queue (a PUT replaces it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Queue]
     """


    kwargs = _get_kwargs(
        queue=queue,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    queue: str,
    *,
    client: AuthenticatedClient,
    body: QueueSettings,

) -> Problem | Queue | None:
    """ Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up

     Create or replace a queue (supervisors): its members, how it offers transfers (longest_idle or
    ring_all), the offer timeout, the longest wait before overflow_to, and the agents' wrap-up. Waiting
    transfers are offered to its free members at once.

    Roles: supervisor.

    Args:
        queue (str):
        body (QueueSettings): PUT /queues/{queue}: the whole queue (a PUT replaces it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Queue
     """


    return (await asyncio_detailed(
        queue=queue,
client=client,
body=body,

    )).parsed
