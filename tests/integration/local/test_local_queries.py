"""The local stack's Query reads one partition (infra/atomic_moto.py point 4): a Query of
the table or of a global secondary index must still answer exactly what moto's whole-table
walk answered, after puts, in-place updates that move an item to another index partition
or out of the index, deletes, batch writes, and committed and rolled-back transactions.
The oracle is a Scan (not narrowed) filtered on the same key, over HTTP at the moto
server `make run` and the tests start."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB, create_table
from tests.conftest import REGION

TABLE = "warm-transfer-local-queries"
STATUSES = ("waiting", "offered", "accepted", "done")


@pytest.fixture(scope="module")
def db(moto_server: LocalDynamoDB) -> Iterator[Any]:
    create_table(moto_server.endpoint_url, TABLE, REGION)
    yield boto3.client(
        "dynamodb", endpoint_url=moto_server.endpoint_url, region_name=REGION, **LOCAL_CREDENTIALS
    )


def paged(db: Any, forward: bool, **params: Any) -> list[tuple[str, str]]:
    """Every item a Query answers, 3 a page, as (pk, sk) in the order given."""
    found, start = [], None
    while True:
        extra = {"ExclusiveStartKey": start} if start else {}
        page = db.query(TableName=TABLE, Limit=3, ScanIndexForward=forward, **params, **extra)
        found += [(i["pk"]["S"], i["sk"]["S"]) for i in page["Items"]]
        start = page.get("LastEvaluatedKey")
        if not start:
            return found


def scanned(db: Any, name: str, value: str) -> list[dict[str, Any]]:
    found, start = [], None
    while True:
        extra = {"ExclusiveStartKey": start} if start else {}
        page = db.scan(
            TableName=TABLE,
            FilterExpression="#n = :v",
            ExpressionAttributeNames={"#n": name},
            ExpressionAttributeValues={":v": {"S": value}},
            **extra,
        )
        found += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return found


def item(run: str, n: int, status: str) -> dict[str, Any]:
    return {
        "pk": {"S": f"T#{run}#{n % 7}"},
        "sk": {"S": f"S#{n:04d}"},
        "status_pk": {"S": f"{run}#{status}"},
        "created_sk": {"S": f"2026-12-05T10:{n // 60:02d}:{n % 60:02d}#{n:04d}"},
    }


def test_queries_answer_what_the_whole_table_holds_after_every_kind_of_write(db: Any) -> None:
    run, rng = uuid.uuid4().hex[:8], random.Random(30)
    keys = lambda n: {"pk": item(run, n, "x")["pk"], "sk": item(run, n, "x")["sk"]}  # noqa: E731
    # Read first, so the index partitions exist before the writes that must move items.
    db.query(
        TableName=TABLE,
        IndexName="by_status",
        KeyConditionExpression="status_pk = :s",
        ExpressionAttributeValues={":s": {"S": f"{run}#waiting"}},
    )
    for n in range(0, 60):
        db.put_item(TableName=TABLE, Item=item(run, n, rng.choice(STATUSES)))
    db.batch_write_item(
        RequestItems={
            TABLE: [{"PutRequest": {"Item": item(run, n, "waiting")}} for n in range(60, 80)]
            + [{"DeleteRequest": {"Key": keys(n)}} for n in range(0, 5)]
        }
    )
    for n in rng.sample(range(5, 80), 25):  # in place: to another partition of the index
        db.update_item(
            TableName=TABLE,
            Key=keys(n),
            UpdateExpression="SET status_pk = :s",
            ExpressionAttributeValues={":s": {"S": f"{run}#{rng.choice(STATUSES)}"}},
        )
    for n in (6, 7, 8):  # out of the index altogether
        db.update_item(TableName=TABLE, Key=keys(n), UpdateExpression="REMOVE status_pk")
    db.update_item(  # an upsert: a new item made by an update
        TableName=TABLE,
        Key=keys(90),
        UpdateExpression="SET status_pk = :s, created_sk = :c",
        ExpressionAttributeValues={":s": {"S": f"{run}#done"}, ":c": {"S": "2026-12-05T11#0090"}},
    )
    for n in (10, 11):
        db.delete_item(TableName=TABLE, Key=keys(n))
    db.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": keys(20),
                    "UpdateExpression": "SET status_pk = :s",
                    "ExpressionAttributeValues": {":s": {"S": f"{run}#accepted"}},
                }
            },
            {"Put": {"TableName": TABLE, "Item": item(run, 91, "offered")}},
            {"Delete": {"TableName": TABLE, "Key": keys(21)}},
        ]
    )
    before = db.get_item(TableName=TABLE, Key=keys(30))["Item"]["status_pk"]["S"]
    with pytest.raises(ClientError, match="TransactionCanceled"):
        db.transact_write_items(
            TransactItems=[
                {  # moved first, then rolled back when the second condition fails
                    "Update": {
                        "TableName": TABLE,
                        "Key": keys(30),
                        "UpdateExpression": "SET status_pk = :s",
                        "ExpressionAttributeValues": {":s": {"S": f"{run}#elsewhere"}},
                    }
                },
                {
                    "Put": {
                        "TableName": TABLE,
                        "Item": item(run, 40, "waiting"),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ]
        )
    assert db.get_item(TableName=TABLE, Key=keys(30))["Item"]["status_pk"]["S"] == before

    for status in (*STATUSES, "elsewhere"):
        value = f"{run}#{status}"
        expected = sorted(scanned(db, "status_pk", value), key=lambda i: i["created_sk"]["S"])
        want = [(i["pk"]["S"], i["sk"]["S"]) for i in expected]
        for forward in (True, False):
            got = paged(
                db,
                forward,
                IndexName="by_status",
                KeyConditionExpression="status_pk = :s",
                ExpressionAttributeValues={":s": {"S": value}},
            )
            assert got == (want if forward else want[::-1]), status
        after = "2026-12-05T10:00:40"  # a sort-key condition reads the index partition
        got = paged(
            db,
            True,
            IndexName="by_status",
            KeyConditionExpression="status_pk = :s AND created_sk > :a",
            FilterExpression="pk <> :p",
            ExpressionAttributeValues={
                ":s": {"S": value},
                ":a": {"S": after},
                ":p": {"S": f"T#{run}#0"},
            },
        )
        assert got == [
            (pk, sk)
            for (pk, sk), i in zip(want, expected, strict=True)
            if i["created_sk"]["S"] > after and pk != f"T#{run}#0"
        ], status
    assert not scanned(db, "status_pk", f"{run}#elsewhere")  # the rollback left nothing there
    for partition in range(7):
        pk = f"T#{run}#{partition}"
        want = sorted((i["pk"]["S"], i["sk"]["S"]) for i in scanned(db, "pk", pk))
        assert want, pk
        got = paged(
            db,
            True,
            KeyConditionExpression="pk = :p AND sk > :after",
            ExpressionAttributeValues={":p": {"S": pk}, ":after": {"S": "S#0010"}},
        )
        assert got == [w for w in want if w[1] > "S#0010"], pk
