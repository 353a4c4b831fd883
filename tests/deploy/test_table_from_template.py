"""The packaged template's table, created by (moto's) CloudFormation, serves the real code.

So infra and code agree on keys and indexes: the flow's writes and GSI queries run against
the table as CloudFormation builds it from the template, not as the tests would create it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import boto3
import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from infra import routes
from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB
from tests.deploy.conftest import Packaged
from tests.deploy.flow import Reply, warm_transfer
from tests.support.apigw import invoke
from tests.support.store_settings import use_table
from tests.support.tokens import Tokens

REGION = "us-east-1"
SECRET = "cfn-table-secret-0123456789abcdef"


@pytest.fixture
def cfn_table(
    packaged: Packaged, moto_server: LocalDynamoDB, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Any]]:
    moto_server.reset()
    table = packaged.resources["WarmTransferTable"]
    aws = {"endpoint_url": moto_server.endpoint_url, "region_name": REGION, **LOCAL_CREDENTIALS}
    cloudformation = boto3.client("cloudformation", **aws)
    body = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"WarmTransferTable": table}}
    cloudformation.create_stack(StackName="warm-transfer-offline", TemplateBody=json.dumps(body))
    status = cloudformation.describe_stacks(StackName="warm-transfer-offline")["Stacks"][0]
    assert status["StackStatus"] == "CREATE_COMPLETE", status
    described = boto3.client("dynamodb", **aws).describe_table(
        TableName=table["Properties"]["TableName"]
    )["Table"]
    use_table(
        monkeypatch,
        endpoint=moto_server.endpoint_url,
        table=described["TableName"],
        region=REGION,
        secret=SECRET,
    )
    yield described
    get_settings.cache_clear()
    dynamodb.reset()


def _in_process(
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: Any = None,
    query: Mapping[str, str] | None = None,
) -> Reply:
    """Route as API Gateway would (serverless.yml's routes) and call that Mangum handler."""
    for route in routes.load():
        match = route.pattern.match(path)
        if match and route.method == method:
            module = __import__(route.module, fromlist=["handler"])
            res = invoke(
                module.handler,
                method,
                path,
                token=token,
                body=body,
                query=query,
                path_params=match.groupdict(),
                route_path=route.path,
            )
            return Reply(res.status, res.json)
    raise AssertionError(f"no route for {method} {path}")


def test_table_from_the_template_has_the_codes_keys_and_indexes(
    cfn_table: dict[str, Any],
) -> None:
    assert {i["IndexName"] for i in cfn_table["GlobalSecondaryIndexes"]} == {
        "agent_inbox",
        "by_status",
        "by_created",
        "sockets",  # WebSocket connections by agent (events)
        "queue_waiting",  # transfers waiting in a queue, in the order they are offered
    }
    warm_transfer(_in_process, Tokens(SECRET))
