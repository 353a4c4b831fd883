"""The local stack's DynamoDB (infra/local_stack.py, infra/atomic_moto.py) keeps what the
service relies on from DynamoDB: per-item atomicity under concurrent requests, one
application per TransactWriteItems ClientRequestToken, and all-or-nothing transactions.
Real threads with their own boto3 clients, over HTTP, straight at the moto server that
`make run` and the tests start (no serialising proxy in between)."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB, create_table
from tests.conftest import REGION

TABLE = "warm-transfer-local-stack"
THREADS = 25


@pytest.fixture(scope="module")
def db(moto_server: LocalDynamoDB) -> Iterator[Any]:
    create_table(moto_server.endpoint_url, TABLE, REGION)
    yield client(moto_server.endpoint_url)


def client(endpoint: str) -> Any:
    # No SDK retries: every answer is seen as moto gave it.
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, max_pool_connections=64)
    return boto3.client(
        "dynamodb", endpoint_url=endpoint, region_name=REGION, config=config, **LOCAL_CREDENTIALS
    )


def key(pk: str, sk: str) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def test_concurrent_appends_lose_no_acknowledged_turn(moto_server: LocalDynamoDB, db: Any) -> None:
    """The store's append: read the count, then one transaction conditional on it that
    bumps the count and puts the turn. Every acknowledged turn must be there once."""
    pk = f"CALL#{uuid.uuid4().hex}"
    db.put_item(TableName=TABLE, Item={**key(pk, "CALL"), "turn_count": {"N": "0"}})
    shared = client(moto_server.endpoint_url)  # thread-safe, one connection per thread
    barrier = threading.Barrier(THREADS)

    def append(n: int) -> list[int]:
        mine, own = [], shared
        barrier.wait(timeout=30)
        for _ in range(200):
            got = own.get_item(TableName=TABLE, Key=key(pk, "CALL"), ConsistentRead=True)
            count = int(got["Item"]["turn_count"]["N"])
            try:
                own.transact_write_items(
                    TransactItems=[
                        {
                            "Update": {
                                "TableName": TABLE,
                                "Key": key(pk, "CALL"),
                                "UpdateExpression": "SET turn_count = :new",
                                "ConditionExpression": "turn_count = :old",
                                "ExpressionAttributeValues": {
                                    ":old": {"N": str(count)},
                                    ":new": {"N": str(count + 1)},
                                },
                            }
                        },
                        {
                            "Put": {
                                "TableName": TABLE,
                                "Item": {
                                    **key(pk, f"TURN#{count + 1:08d}"),
                                    "writer": {"N": str(n)},
                                },
                            }
                        },
                    ]
                )
                mine.append(count + 1)
                if len(mine) == 2:
                    return mine
            except ClientError as exc:
                assert exc.response["Error"]["Code"] == "TransactionCanceledException", exc
                time.sleep(random.uniform(0, 0.05))  # backs off, as the store does
        return mine

    with ThreadPoolExecutor(THREADS) as pool:
        acknowledged = list(pool.map(append, range(THREADS)))
    pages = db.get_paginator("query").paginate(
        TableName=TABLE,
        KeyConditionExpression="pk = :pk AND begins_with(sk, :t)",
        ExpressionAttributeValues={":pk": {"S": pk}, ":t": {"S": "TURN#"}},
        ConsistentRead=True,
    )
    stored = {int(i["sk"]["S"][5:]): int(i["writer"]["N"]) for p in pages for i in p["Items"]}
    for writer, seqs in enumerate(acknowledged):
        assert len(seqs) == 2
        for seq in seqs:
            assert stored[seq] == writer, f"turn {seq} of writer {writer} was overwritten"
    count = db.get_item(TableName=TABLE, Key=key(pk, "CALL"))["Item"]["turn_count"]["N"]
    assert int(count) == len(stored) == 2 * THREADS


def transfer_put(pk: str, token: str, value: str) -> dict[str, Any]:
    return {
        "ClientRequestToken": token,
        "TransactItems": [
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": key(pk, "CALL"),
                    "UpdateExpression": "ADD appended :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {"Put": {"TableName": TABLE, "Item": {**key(pk, "T"), "v": {"S": value}}}},
        ],
    }


def test_a_transaction_is_applied_once_per_client_request_token(db: Any) -> None:
    """botocore sends the same ClientRequestToken when it retries a transaction whose
    answer was lost; DynamoDB applies it once. A token reused with other parameters is
    refused."""
    pk = f"CALL#{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    for _ in range(3):
        db.transact_write_items(**transfer_put(pk, token, "a"))
    item = db.get_item(TableName=TABLE, Key=key(pk, "CALL"))["Item"]
    assert item["appended"] == {"N": "1"}
    with pytest.raises(ClientError) as refused:
        db.transact_write_items(**transfer_put(pk, token, "b"))
    assert refused.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"
    assert db.get_item(TableName=TABLE, Key=key(pk, "T"))["Item"]["v"] == {"S": "a"}
    db.transact_write_items(**transfer_put(pk, uuid.uuid4().hex, "c"))  # a new token applies
    assert db.get_item(TableName=TABLE, Key=key(pk, "CALL"))["Item"]["appended"] == {"N": "2"}


def test_a_failed_transaction_rolls_back_every_item(db: Any) -> None:
    """A new item put, an existing item updated, another deleted, then a condition that
    fails: every item is as it was, and the rest of the table is untouched."""
    pk = f"CALL#{uuid.uuid4().hex}"
    bystanders = [key(pk, f"OTHER#{n}") for n in range(20)]
    for n, other in enumerate(bystanders):
        db.put_item(TableName=TABLE, Item={**other, "n": {"N": str(n)}})
    db.put_item(TableName=TABLE, Item={**key(pk, "CALL"), "turn_count": {"N": "3"}})
    db.put_item(TableName=TABLE, Item={**key(pk, "GONE"), "keep": {"S": "me"}})
    db.put_item(TableName=TABLE, Item={**key(pk, "GUARD"), "state": {"S": "open"}})
    before = scan(db, pk)
    with pytest.raises(ClientError) as cancelled:
        db.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": {**key(pk, "NEW"), "x": {"S": "1"}}}},
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": key(pk, "CALL"),
                        "UpdateExpression": "SET turn_count = :n, added = :n",
                        "ExpressionAttributeValues": {":n": {"N": "9"}},
                    }
                },
                {"Delete": {"TableName": TABLE, "Key": key(pk, "GONE")}},
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": key(pk, "GUARD"),
                        "UpdateExpression": "SET #s = :closed",
                        "ConditionExpression": "#s = :closed",
                        "ExpressionAttributeNames": {"#s": "state"},
                        "ExpressionAttributeValues": {":closed": {"S": "closed"}},
                    }
                },
            ]
        )
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert scan(db, pk) == before
    # And a transaction that succeeds still applies every item.
    db.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE, "Item": {**key(pk, "NEW"), "x": {"S": "1"}}}},
            {"Delete": {"TableName": TABLE, "Key": key(pk, "GONE")}},
        ]
    )
    after = scan(db, pk)
    assert after[f"{pk}/NEW"] == {**key(pk, "NEW"), "x": {"S": "1"}}
    assert f"{pk}/GONE" not in after and len(after) == len(before)


def scan(db: Any, pk: str) -> dict[str, dict[str, Any]]:
    pages = db.get_paginator("query").paginate(
        TableName=TABLE,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": pk}},
        ConsistentRead=True,
    )
    return {f"{i['pk']['S']}/{i['sk']['S']}": i for p in pages for i in p["Items"]}
