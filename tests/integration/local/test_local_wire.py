"""What the local stack's moto answers, as a boto3 client sees it (infra/atomic_moto.py
points 5 and 6): item answers written straight as JSON keep every attribute type through
every item operation, and the stream's long poll wakes on a write and times out without one."""

from __future__ import annotations

import datetime
import json
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from infra.local_stack import LOCAL_CREDENTIALS, STREAM_WAIT_PATH, LocalDynamoDB, create_table
from tests.conftest import REGION

TABLE = "warm-transfer-local-wire"

# Every attribute type DynamoDB has, nested too; binary values are not text.
ITEM_BODY = {
    "s": {"S": "Maria Gonzalez, naïve café ✓"},
    "n": {"N": "-12.5"},
    "b": {"B": b"\x00\xff\x10binary"},
    "ss": {"SS": ["a", "b"]},
    "ns": {"NS": ["1", "2.5"]},
    "bs": {"BS": [b"\x01", b"\x02\x03"]},
    "bool": {"BOOL": False},
    "null": {"NULL": True},
    "m": {"M": {"inner": {"L": [{"S": "x"}, {"N": "3"}, {"B": b"\x04"}, {"M": {}}]}}},
    "l": {"L": []},
}


@pytest.fixture(scope="module")
def db(moto_server: LocalDynamoDB) -> Iterator[Any]:
    create_table(moto_server.endpoint_url, TABLE, REGION)
    yield boto3.client(
        "dynamodb", endpoint_url=moto_server.endpoint_url, region_name=REGION, **LOCAL_CREDENTIALS
    )


def _item(pk: str) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": "ITEM"}, **ITEM_BODY}


def test_every_attribute_type_comes_back_as_written_from_every_item_operation(db: Any) -> None:
    pk = f"WIRE#{uuid.uuid4().hex}"
    item, key = _item(pk), {"pk": {"S": pk}, "sk": {"S": "ITEM"}}
    db.put_item(TableName=TABLE, Item=item)

    assert db.get_item(TableName=TABLE, Key=key, ConsistentRead=True)["Item"] == item
    queried = db.query(
        TableName=TABLE,
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": pk}},
    )
    assert queried["Items"] == [item] and queried["Count"] == 1
    scanned = db.scan(
        TableName=TABLE, FilterExpression="pk = :p", ExpressionAttributeValues={":p": {"S": pk}}
    )
    assert scanned["Items"] == [item]
    batch = db.batch_get_item(RequestItems={TABLE: {"Keys": [key]}})
    assert batch["Responses"][TABLE] == [item] and batch["UnprocessedKeys"] == {}
    transact = db.transact_get_items(TransactItems=[{"Get": {"TableName": TABLE, "Key": key}}])
    assert transact["Responses"] == [{"Item": item}]

    updated = db.update_item(
        TableName=TABLE,
        Key=key,
        UpdateExpression="SET extra = :b",
        ExpressionAttributeValues={":b": {"B": b"\x7f"}},
        ReturnValues="ALL_NEW",
    )
    assert updated["Attributes"] == {**item, "extra": {"B": b"\x7f"}}
    old = db.put_item(TableName=TABLE, Item=item, ReturnValues="ALL_OLD")
    assert old["Attributes"] == {**item, "extra": {"B": b"\x7f"}}
    deleted = db.delete_item(TableName=TABLE, Key=key, ReturnValues="ALL_OLD")
    assert deleted["Attributes"] == item
    assert "Item" not in db.get_item(TableName=TABLE, Key=key)


def test_a_page_of_a_query_resumes_where_it_stopped(db: Any) -> None:
    pk = f"WIRE#{uuid.uuid4().hex}"
    written = [{**_item(pk), "sk": {"S": f"ITEM#{n:02d}"}} for n in range(5)]
    for item in written:
        db.put_item(TableName=TABLE, Item=item)
    args = {
        "TableName": TABLE,
        "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": pk}},
        "Limit": 3,
    }
    first = db.query(**args)
    assert first["Items"] == written[:3]
    assert first["LastEvaluatedKey"] == {"pk": {"S": pk}, "sk": {"S": "ITEM#02"}}
    rest = db.query(**args, ExclusiveStartKey=first["LastEvaluatedKey"])
    assert rest["Items"] == written[3:] and "LastEvaluatedKey" not in rest


def test_the_stream_records_every_attribute_type_of_a_write(
    moto_server: LocalDynamoDB, db: Any
) -> None:
    streams = boto3.client(
        "dynamodbstreams",
        endpoint_url=moto_server.endpoint_url,
        region_name=REGION,
        **LOCAL_CREDENTIALS,
    )
    arn = db.describe_table(TableName=TABLE)["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    item = _item(f"WIRE#{uuid.uuid4().hex}")
    before = datetime.datetime.now(datetime.UTC)
    db.put_item(TableName=TABLE, Item=item)
    records = []
    while iterator:
        page = streams.get_records(ShardIterator=iterator, Limit=1000)
        records += page["Records"]
        iterator = page.get("NextShardIterator") if page["Records"] else None
    mine = [r for r in records if r["dynamodb"]["Keys"]["pk"] == item["pk"]]
    assert len(mine) == 1 and mine[0]["eventName"] == "INSERT"
    assert mine[0]["dynamodb"]["NewImage"] == item
    created = mine[0]["dynamodb"]["ApproximateCreationDateTime"]
    assert abs((created - before).total_seconds()) < 60  # a time, in the right zone


def _writes(endpoint: str, after: int, timeout: float) -> int:
    url = f"{endpoint}{STREAM_WAIT_PATH}?after={after}&timeout={timeout}"
    with urllib.request.urlopen(url, timeout=timeout + 10) as answer:
        return int(json.load(answer)["writes"])


def test_the_stream_wait_wakes_on_a_write_and_times_out_without_one(
    moto_server: LocalDynamoDB, db: Any
) -> None:
    endpoint = moto_server.endpoint_url
    now = _writes(endpoint, -1, 0)
    # Nothing written: the wait gives up after its timeout with the same count.
    assert _writes(endpoint, now, 0.2) == now
    db.put_item(TableName=TABLE, Item=_item(f"WIRE#{uuid.uuid4().hex}"))
    assert _writes(endpoint, now, 5) == now + 1  # the table's stream has one more record


def test_the_stream_wait_refuses_a_count_that_is_not_a_number(moto_server: LocalDynamoDB) -> None:
    url = f"{moto_server.endpoint_url}{STREAM_WAIT_PATH}?after=soon"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    assert refused.value.code == 400
