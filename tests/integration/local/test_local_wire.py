"""What the local stack's moto answers, as a boto3 client sees it (infra/atomic_moto.py
points 5, 6 and 9): item answers written straight as JSON keep every attribute type through
every item operation, an item is refused over DynamoDB's size limit however it is written,
and the stream pollers' wait-and-read answers GetRecords' records, wakes on a write and
times out without one."""

from __future__ import annotations

import datetime
import http.server
import json
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from infra.event_sources import StreamReader
from infra.local_stack import LOCAL_CREDENTIALS, STREAM_RECORDS_PATH, LocalDynamoDB, create_table
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


# Not UpdateItem: moto 5.2.5 applies an update's actions one by one, so one that passes the
# limit half-way is refused but leaves the item half-updated (DynamoDB leaves it as it was).
# The service never updates an item near the limit (a large answer is kept in parts:
# functions/store/idempotency.py).
@pytest.mark.parametrize("how", ["put", "transaction"])
def test_an_item_over_the_size_limit_is_refused_and_one_under_it_stored(db: Any, how: str) -> None:
    pk = f"WIRE#{uuid.uuid4().hex}"
    key = {"pk": {"S": pk}, "sk": {"S": "BIG"}}
    # 40 attributes: the size is a sum over all of them, not the last one's alone.
    under = {f"a{n:02d}": {"S": "x" * 9_000} for n in range(40)}  # ~360 KB
    over = {**under, "a40": {"S": "x" * 60_000}}  # ~420 KB

    def write(attributes: dict[str, Any]) -> None:
        item = {**key, **attributes}
        if how == "put":
            db.put_item(TableName=TABLE, Item=item)
        else:
            db.transact_write_items(TransactItems=[{"Put": {"TableName": TABLE, "Item": item}}])

    with pytest.raises(db.exceptions.ClientError) as refused:
        write(over)
    assert "size" in refused.value.response["Error"]["Message"].lower()
    assert "Item" not in db.get_item(TableName=TABLE, Key=key, ConsistentRead=True)
    write(under)
    stored = db.get_item(TableName=TABLE, Key=key, ConsistentRead=True)["Item"]
    assert stored == {**key, **under}


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


def _stream(endpoint: str, db: Any) -> tuple[Any, str, str]:
    streams = boto3.client(
        "dynamodbstreams", endpoint_url=endpoint, region_name=REGION, **LOCAL_CREDENTIALS
    )
    arn = db.describe_table(TableName=TABLE)["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    return streams, arn, shard


def test_the_stream_read_answers_what_get_records_does(moto_server: LocalDynamoDB, db: Any) -> None:
    endpoint = moto_server.endpoint_url
    streams, arn, shard = _stream(endpoint, db)
    db.put_item(TableName=TABLE, Item=_item(f"WIRE#{uuid.uuid4().hex}"))
    reader = StreamReader(endpoint)
    read = reader.records(arn, shard, None, 1000, 0)
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    scope = f"local/20260101/{REGION}/dynamodb/aws4_request"
    request = urllib.request.Request(
        endpoint,
        data=json.dumps({"ShardIterator": iterator, "Limit": 1000}).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDBStreams_20120810.GetRecords",
            "Authorization": f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Sig=0",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert read == json.load(answer)["Records"] and read  # the same records, as sent
    # After the last one: nothing yet; then, of three writes, the first two (the limit).
    last = read[-1]["dynamodb"]["SequenceNumber"]
    assert reader.records(arn, shard, last, 1000, 0) == []
    db.put_item(TableName=TABLE, Item=_item(f"WIRE#{uuid.uuid4().hex}"))
    db.put_item(TableName=TABLE, Item=_item(f"WIRE#{uuid.uuid4().hex}"))
    db.put_item(TableName=TABLE, Item=_item(f"WIRE#{uuid.uuid4().hex}"))
    two = reader.records(arn, shard, last, 2, 0)
    assert [int(r["dynamodb"]["SequenceNumber"]) for r in two] == [int(last) + 1, int(last) + 2]


def test_the_stream_read_wakes_on_a_write_and_times_out_without_one(
    moto_server: LocalDynamoDB, db: Any
) -> None:
    endpoint = moto_server.endpoint_url
    _, arn, shard = _stream(endpoint, db)
    reader = StreamReader(endpoint)
    db.put_item(TableName=TABLE, Item=_item(f"WIRE#{uuid.uuid4().hex}"))
    last = reader.records(arn, shard, None, 10_000, 0)[-1]["dynamodb"]["SequenceNumber"]
    # Nothing written: the read gives up after its timeout with no record.
    assert reader.records(arn, shard, last, 100, 0.2) == []
    item = _item(f"WIRE#{uuid.uuid4().hex}")
    written = threading.Timer(0.3, db.put_item, kwargs={"TableName": TABLE, "Item": item})
    written.start()
    try:
        (record,) = reader.records(arn, shard, last, 100, 5)  # woken by the write
    finally:
        written.join()
    assert record["dynamodb"]["Keys"]["pk"] == {"S": item["pk"]["S"]}


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("arn=x&shard=y&after=soon", 400),
        ("shard=y", 400),
        ("arn=arn:aws:dynamodb:us-east-1:123456789012:table/nope/stream/1&shard=y", 404),
    ],
)
def test_the_stream_read_refuses_what_it_cannot_answer(
    moto_server: LocalDynamoDB, query: str, status: int
) -> None:
    url = f"{moto_server.endpoint_url}{STREAM_RECORDS_PATH}?{query}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    assert refused.value.code == status


def test_another_dynamodb_makes_the_reader_poll_with_iterators(moto_server: LocalDynamoDB) -> None:
    # A server without the endpoint (here: one that answers every GET 404): the reader
    # says so, and its mapping polls with shard iterators from then on.
    class Plain(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_error(404)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Plain)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        reader = StreamReader(f"http://127.0.0.1:{server.server_port}")
        assert reader.records("arn", "shard", None, 10, 0) is None
        assert reader.supported is False
    finally:
        server.shutdown()
