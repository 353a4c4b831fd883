"""The events part of the packaged template: the stream and its mapping, the queues, the
WebSocket API, and the one grant to post to its connections."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.deploy.conftest import Packaged

PREFIX = "warm-transfer-offline-"


def _called(ref: Any) -> str:
    """The function a Lambda reference calls, through its `snapstart` alias (SnapStart,
    infra/snapstart.js): `Fn::Join [":", [Fn::GetAtt <fn>.Arn, "snapstart"]]`, maybe nested."""
    text = json.dumps(ref)
    assert '"snapstart"' in text, f"not through the SnapStart alias: {text}"
    (function_id,) = set(re.findall(r'"Fn::GetAtt": \["(\w+LambdaFunction)", "Arn"\]', text))
    return function_id


def _function_ids(packaged: Packaged) -> dict[str, str]:
    """function name -> logical id"""
    return {
        props["Properties"]["FunctionName"].removeprefix(PREFIX): logical
        for logical, props in packaged.of_type("AWS::Lambda::Function").items()
    }


def _statements(packaged: Packaged, function: str) -> list[dict[str, Any]]:
    fn = packaged.resources[_function_ids(packaged)[function]]
    role = packaged.resources[fn["Properties"]["Role"]["Fn::GetAtt"][0]]
    return [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]


def test_the_table_streams_new_and_old_images(packaged: Packaged) -> None:
    (table,) = packaged.of_type("AWS::DynamoDB::Table").values()
    assert table["Properties"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}


def test_publish_events_consumes_the_stream_reporting_failed_records(packaged: Packaged) -> None:
    mappings = packaged.of_type("AWS::Lambda::EventSourceMapping").values()
    streams = [
        m["Properties"]
        for m in mappings
        if m["Properties"]["EventSourceArn"] == {"Fn::GetAtt": ["WarmTransferTable", "StreamArn"]}
    ]
    ids = _function_ids(packaged)
    by_function = {_called(s["FunctionName"]): s for s in streams}
    assert set(by_function) == {ids["publish_events"], ids["count_transfers"]}
    stream = by_function[ids["publish_events"]]
    assert stream["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert stream["BisectBatchOnFunctionError"] is True
    assert 0 < stream["MaximumRetryAttempts"] <= 10
    assert stream["DestinationConfig"]["OnFailure"]["Destination"] == {
        "Fn::GetAtt": ["EventsFailureQueue", "Arn"]
    }
    # Transfers and presence; a call only once it holds a callback request.
    transfers, callbacks = stream["FilterCriteria"]["Filters"]
    assert json.loads(transfers["Pattern"]) == {
        "dynamodb": {"NewImage": {"entity": {"S": ["transfer", "presence"]}}}
    }
    assert json.loads(callbacks["Pattern"]) == {
        "dynamodb": {
            "NewImage": {
                "entity": {"S": ["call"]},
                "callback": {"M": {"requested_at": {"S": [{"exists": True}]}}},
            }
        }
    }
    # The KPI counters: only transfers' changes, failures reported and retried the same way.
    counters = by_function[ids["count_transfers"]]
    assert counters["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert counters["DestinationConfig"] == stream["DestinationConfig"]
    (pattern,) = counters["FilterCriteria"]["Filters"]
    assert json.loads(pattern["Pattern"]) == {
        "dynamodb": {"NewImage": {"entity": {"S": ["transfer"]}}}
    }


def test_webhook_deliveries_have_a_queue_a_dlq_and_report_failures(packaged: Packaged) -> None:
    queues = packaged.of_type("AWS::SQS::Queue")
    assert set(queues) == {
        "WebhookDeliveryQueue",
        "WebhookDeadLetterQueue",
        "EventsFailureQueue",
        "RoutingTimerQueue",
    }
    redrive = queues["WebhookDeliveryQueue"]["Properties"]["RedrivePolicy"]
    assert redrive["deadLetterTargetArn"] == {"Fn::GetAtt": ["WebhookDeadLetterQueue", "Arn"]}
    assert all(q["Properties"]["SqsManagedSseEnabled"] for q in queues.values())
    (sqs,) = [
        m["Properties"]
        for m in packaged.of_type("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["EventSourceArn"] == {"Fn::GetAtt": ["WebhookDeliveryQueue", "Arn"]}
    ]
    assert _called(sqs["FunctionName"]) == _function_ids(packaged)["deliver_webhooks"]
    assert sqs["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    # The queue hides a message at least as long as the function may run with it.
    fn = packaged.resources[_function_ids(packaged)["deliver_webhooks"]]["Properties"]
    assert queues["WebhookDeliveryQueue"]["Properties"]["VisibilityTimeout"] >= fn["Timeout"]


def test_each_websocket_route_is_its_own_function(packaged: Packaged) -> None:
    integrations = packaged.of_type("AWS::ApiGatewayV2::Integration")
    ids = {v: k for k, v in _function_ids(packaged).items()}
    served = {}
    for route in packaged.of_type("AWS::ApiGatewayV2::Route").values():
        props = route["Properties"]
        if props["ApiId"] != {"Ref": "WebsocketsApi"}:
            continue
        integration = integrations[props["Target"]["Fn::Join"][1][1]["Ref"]]
        served[props["RouteKey"]] = ids[_called(integration["Properties"]["IntegrationUri"])]
    assert served == {
        "$connect": "ws_connect",
        "$disconnect": "ws_disconnect",
        "$default": "ws_default",
    }


def test_only_publish_events_may_post_to_connections_and_only_this_apis(
    packaged: Packaged,
) -> None:
    for function in _function_ids(packaged):
        grants = [s for s in _statements(packaged, function) if "execute-api" in json.dumps(s)]
        if function != "publish_events":
            assert grants == [], function
            continue
        (grant,) = grants
        assert grant["Action"] == ["execute-api:ManageConnections"]
        parts = grant["Resource"]["Fn::Join"][1]
        assert {"Ref": "WebsocketsApi"} in parts
        assert parts[-1] == "/offline/POST/@connections/*"


def test_routing_timers_have_a_queue_a_dead_letter_target_and_report_failures(
    packaged: Packaged,
) -> None:
    queue = packaged.of_type("AWS::SQS::Queue")["RoutingTimerQueue"]["Properties"]
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {
        "Fn::GetAtt": ["EventsFailureQueue", "Arn"]
    }
    (mapping,) = (
        m["Properties"]
        for m in packaged.of_type("AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["EventSourceArn"] == {"Fn::GetAtt": ["RoutingTimerQueue", "Arn"]}
    )
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["MaximumBatchingWindowInSeconds"] == 0
