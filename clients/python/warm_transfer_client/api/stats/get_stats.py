from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bucket import Bucket
from ...models.group_by import GroupBy
from ...models.problem import Problem
from ...models.stats_report import StatsReport
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    bucket: Bucket | Unset = UNSET,
    queue: None | str | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_bucket: str | Unset = UNSET
    if not isinstance(bucket, Unset):
        json_bucket = bucket.value

    params["bucket"] = json_bucket

    json_queue: None | str | Unset
    if isinstance(queue, Unset):
        json_queue = UNSET
    else:
        json_queue = queue
    params["queue"] = json_queue

    json_agent: None | str | Unset
    if isinstance(agent, Unset):
        json_agent = UNSET
    else:
        json_agent = agent
    params["agent"] = json_agent

    json_group_by: None | str | Unset
    if isinstance(group_by, Unset):
        json_group_by = UNSET
    elif isinstance(group_by, GroupBy):
        json_group_by = group_by.value
    else:
        json_group_by = group_by
    params["group_by"] = json_group_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/stats",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StatsReport | None:
    if response.status_code == 200:
        response_200 = StatsReport.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | StatsReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    bucket: Bucket | Unset = UNSET,
    queue: None | str | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,

) -> Response[Problem | StatsReport]:
    """ Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors)

     Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors). Read from the counters the stream keeps (O(hours or days)
    items), never from the transfers.

    Roles: supervisor.

    Args:
        from_ (datetime.datetime | None | Unset): Default: today 00:00 UTC
        to (datetime.datetime | None | Unset): Excluded; default: now
        bucket (Bucket | Unset): The periods a report is cut into: hours or days (UTC).
        queue (None | str | Unset):
        agent (None | str | Unset):
        group_by (GroupBy | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsReport]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
bucket=bucket,
queue=queue,
agent=agent,
group_by=group_by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    bucket: Bucket | Unset = UNSET,
    queue: None | str | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,

) -> Problem | StatsReport | None:
    """ Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors)

     Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors). Read from the counters the stream keeps (O(hours or days)
    items), never from the transfers.

    Roles: supervisor.

    Args:
        from_ (datetime.datetime | None | Unset): Default: today 00:00 UTC
        to (datetime.datetime | None | Unset): Excluded; default: now
        bucket (Bucket | Unset): The periods a report is cut into: hours or days (UTC).
        queue (None | str | Unset):
        agent (None | str | Unset):
        group_by (GroupBy | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsReport
     """


    return sync_detailed(
        client=client,
from_=from_,
to=to,
bucket=bucket,
queue=queue,
agent=agent,
group_by=group_by,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    bucket: Bucket | Unset = UNSET,
    queue: None | str | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,

) -> Response[Problem | StatsReport]:
    """ Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors)

     Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors). Read from the counters the stream keeps (O(hours or days)
    items), never from the transfers.

    Roles: supervisor.

    Args:
        from_ (datetime.datetime | None | Unset): Default: today 00:00 UTC
        to (datetime.datetime | None | Unset): Excluded; default: now
        bucket (Bucket | Unset): The periods a report is cut into: hours or days (UTC).
        queue (None | str | Unset):
        agent (None | str | Unset):
        group_by (GroupBy | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsReport]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
bucket=bucket,
queue=queue,
agent=agent,
group_by=group_by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    bucket: Bucket | Unset = UNSET,
    queue: None | str | Unset = UNSET,
    agent: None | str | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,

) -> Problem | StatsReport | None:
    """ Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors)

     Transfers' KPIs for a period, in total and per hour or day, for everyone, a queue or an agent, or
    grouped by queue or agent (supervisors). Read from the counters the stream keeps (O(hours or days)
    items), never from the transfers.

    Roles: supervisor.

    Args:
        from_ (datetime.datetime | None | Unset): Default: today 00:00 UTC
        to (datetime.datetime | None | Unset): Excluded; default: now
        bucket (Bucket | Unset): The periods a report is cut into: hours or days (UTC).
        queue (None | str | Unset):
        agent (None | str | Unset):
        group_by (GroupBy | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsReport
     """


    return (await asyncio_detailed(
        client=client,
from_=from_,
to=to,
bucket=bucket,
queue=queue,
agent=agent,
group_by=group_by,

    )).parsed
