"""Operations in the packaged template: tracing, JSON logs, the metrics' namespace, the
alarms and what they watch, the deployment bucket, no piling versions, and production's
CORS origin, which has no default."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from functions.shared import metrics
from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB
from tests.deploy.conftest import Layer, Packaged, package

PREFIX = "warm-transfer-offline-"
NAMESPACE = "warm-transfer-offline"
TOPIC = "arn:aws:sns:us-east-1:123456789012:warm-transfer-oncall"
ORIGIN = "https://console.example.com"


def _functions(packaged: Packaged) -> dict[str, dict[str, Any]]:
    return {
        f["Properties"]["FunctionName"].removeprefix(PREFIX): f["Properties"]
        for f in packaged.of_type("AWS::Lambda::Function").values()
    }


def test_every_function_is_traced_logs_json_and_names_its_metrics_namespace(
    packaged: Packaged,
) -> None:
    for name, props in _functions(packaged).items():
        assert props["TracingConfig"] == {"Mode": "Active"}, name
        assert props["LoggingConfig"]["LogFormat"] == "JSON", name
        env = props["Environment"]["Variables"]
        assert env["POWERTOOLS_SERVICE_NAME"] == "warm-transfer", name
        assert env["POWERTOOLS_METRICS_NAMESPACE"] == NAMESPACE, name


def test_the_deployment_bucket_is_encrypted_and_private_and_no_versions_pile_up(
    packaged: Packaged,
) -> None:
    bucket = packaged.resources["ServerlessDeploymentBucket"]["Properties"]
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert set(bucket["PublicAccessBlockConfiguration"].values()) == {True}
    # The framework's bucket policy refuses requests without TLS.
    (policy,) = packaged.of_type("AWS::S3::BucketPolicy").values()
    (deny,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert deny["Effect"] == "Deny"
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": False}}
    # SnapStart publishes one version per function (below); none is retained, so
    # CloudFormation deletes each function's previous version on the next deploy.
    versions = packaged.of_type("AWS::Lambda::Version").values()
    assert len(versions) == len(_functions(packaged))
    assert all("DeletionPolicy" not in v for v in versions)


def _targets(value: Any) -> list[str]:
    """The `snapstart` alias or bare function a Lambda reference in the template names."""
    text = json.dumps(value)
    return ["alias" if '"snapstart"' in text else "function"] if "LambdaFunction" in text else []


def test_every_function_is_published_with_snapstart_and_invoked_through_it(
    packaged: Packaged,
) -> None:
    """SnapStart applies to published versions only: each function has it, a version and
    the `snapstart` alias on it, and every route, stream, queue and schedule calls the alias
    (calling the bare function would run $LATEST, with no snapshot)."""
    functions = packaged.of_type("AWS::Lambda::Function")
    for props in _functions(packaged).values():
        assert props["SnapStart"] == {"ApplyOn": "PublishedVersions"}, props["FunctionName"]
    aliases = packaged.of_type("AWS::Lambda::Alias").values()
    assert sorted(a["Properties"]["FunctionName"]["Ref"] for a in aliases) == sorted(functions)
    assert {a["Properties"]["Name"] for a in aliases} == {"snapstart"}
    callers = [
        *(
            i["Properties"]["IntegrationUri"]
            for i in packaged.of_type("AWS::ApiGatewayV2::Integration").values()
        ),
        *(
            m["Properties"]["FunctionName"]
            for m in packaged.of_type("AWS::Lambda::EventSourceMapping").values()
        ),
        *(r["Properties"]["Targets"] for r in packaged.of_type("AWS::Events::Rule").values()),
        *(
            p["Properties"]["FunctionName"]
            for p in packaged.of_type("AWS::Lambda::Permission").values()
        ),
    ]
    kinds = [kind for caller in callers for kind in _targets(caller)]
    assert len(kinds) >= len(functions) and set(kinds) == {"alias"}


def _alarm(packaged: Packaged, suffix: str) -> dict[str, Any]:
    (alarm,) = [
        a["Properties"]
        for a in packaged.of_type("AWS::CloudWatch::Alarm").values()
        if a["Properties"]["AlarmName"] == f"{NAMESPACE}-{suffix}"
    ]
    return alarm


def _stats(alarm: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["Id"]: m["MetricStat"]["Metric"] for m in alarm["Metrics"] if "MetricStat" in m}


def test_alarms_watch_what_the_functions_emit(packaged: Packaged) -> None:
    alarms = packaged.of_type("AWS::CloudWatch::Alarm")
    assert len(alarms) == 8
    functions = _functions(packaged)
    # 5xx share of the HTTP API's requests.
    api = _stats(_alarm(packaged, "api-5xx-rate"))
    assert {m["MetricName"] for m in api.values()} == {"5xx", "Count"}
    api_id = {"Name": "ApiId", "Value": {"Ref": "HttpApi"}}
    assert all(api_id in m["Dimensions"] for m in api.values())
    # p95 of initiate_transfer, the function serving POST /initiate-transfer.
    latency = _alarm(packaged, "initiate-transfer-p95")
    assert latency["ExtendedStatistic"] == "p95" and latency["MetricName"] == "Duration"
    assert latency["Dimensions"][0]["Value"] == functions["initiate_transfer"]["FunctionName"]
    assert latency["Threshold"] < 20_000  # below the function's timeout
    # Briefing fallback share: the functions' own metric, namespace and dimensions.
    fallback = _stats(_alarm(packaged, "briefing-fallback-rate"))
    for metric in fallback.values():
        assert (metric["Namespace"], metric["MetricName"]) == (NAMESPACE, metrics.BRIEFINGS)
    assert {d["Value"] for m in fallback.values() for d in m["Dimensions"]} == {
        "warm-transfer",
        "offline",
        "groq",
    }
    expired = _alarm(packaged, "expired-transfers")
    assert (expired["Namespace"], expired["MetricName"]) == (NAMESPACE, metrics.TRANSFERS_EXPIRED)
    assert expired["Dimensions"] == [{"Name": "service", "Value": "warm-transfer"}]
    sweeper = _alarm(packaged, "expiry-sweeper-errors")
    assert (sweeper["Namespace"], sweeper["MetricName"]) == ("AWS/Lambda", "Errors")
    assert sweeper["Dimensions"][0]["Value"] == functions["expire_transfers"]["FunctionName"]
    # Webhook deliveries that gave up: any message in the dead-letter queue.
    dead = _alarm(packaged, "webhook-dead-letters")
    assert (dead["Namespace"], dead["MetricName"]) == (
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
    )
    assert dead["Dimensions"] == [
        {"Name": "QueueName", "Value": {"Fn::GetAtt": ["WebhookDeadLetterQueue", "QueueName"]}}
    ]
    assert (dead["Threshold"], dead["ComparisonOperator"]) == (0, "GreaterThanThreshold")
    # KPIs: shares of count_transfers' EMF counts over every queue (queue=all).
    for suffix, part, whole in (
        ("service-level", metrics.KPI_IN_SERVICE_LEVEL, metrics.KPI_ANSWERED_OR_NOT),
        ("abandonment", metrics.KPI_ABANDONED, metrics.KPI_ENTERED),
    ):
        kpi = _stats(_alarm(packaged, suffix))
        assert {n: (m["Namespace"], m["MetricName"]) for n, m in kpi.items()} == {
            "part": (NAMESPACE, part),
            "whole": (NAMESPACE, whole),
        }
        assert all({"Name": "queue", "Value": "all"} in m["Dimensions"] for m in kpi.values())
    assert _alarm(packaged, "service-level")["ComparisonOperator"] == "LessThanThreshold"
    # Every alarm notifies the topic parameter, when one is given, firing and clearing.
    assert packaged.template["Parameters"]["AlarmTopicArn"]["Default"] == ""
    for alarm in alarms.values():
        for actions in ("AlarmActions", "OKActions"):
            assert alarm["Properties"][actions] == {
                "Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]
            }


def _ssm_secret(moto: LocalDynamoDB, stage: str) -> None:
    ssm = boto3.client(
        "ssm", endpoint_url=moto.endpoint_url, region_name="us-east-1", **LOCAL_CREDENTIALS
    )
    for name in ("auth-jwt-secret", "cursor-secret"):
        ssm.put_parameter(
            Name=f"/warm-transfer/{stage}/{name}", Value=f"{name}-0123", Type="SecureString"
        )


def test_prod_does_not_package_without_its_cors_origin(
    moto_server: LocalDynamoDB, lambda_layer: Layer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    moto_server.reset()
    _ssm_secret(moto_server, "prod")
    with pytest.raises(AssertionError, match=r'"params\.prod\.corsOrigin".*"env"'):
        package(moto_server, tmp_path_factory.mktemp("prod-x"), lambda_layer.zip, stage="prod")


def test_prod_allows_only_its_origin_and_alarms_its_topic(
    moto_server: LocalDynamoDB, lambda_layer: Layer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    moto_server.reset()
    _ssm_secret(moto_server, "prod")
    built = package(
        moto_server,
        tmp_path_factory.mktemp("prod"),
        lambda_layer.zip,
        stage="prod",
        env={"WARM_TRANSFER_CORS_ORIGIN": ORIGIN},
        params={"alarmTopicArn": TOPIC},
    )
    cors = built.resources["HttpApi"]["Properties"]["CorsConfiguration"]
    assert cors["AllowOrigins"] == [ORIGIN]
    assert built.template["Parameters"]["AlarmTopicArn"]["Default"] == TOPIC
    names = {a["Properties"]["AlarmName"] for a in built.of_type("AWS::CloudWatch::Alarm").values()}
    assert (
        all(n.startswith("warm-transfer-prod-") for n in names) and len(names) == 8
    )  # with the service level and abandonment alarms (stats)
