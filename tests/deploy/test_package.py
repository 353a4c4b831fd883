"""serverless.yml packaged by osls: a template cfn-lint accepts, checked for what matters."""

from __future__ import annotations

import importlib
import json
import subprocess
from pathlib import Path
from typing import Any

import boto3
import pytest

from functions import __version__
from infra import routes
from infra.function_bytecode import FUNCTIONS, cache_tag, magic_number
from infra.layer import build_layer
from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB
from tests.deploy.conftest import (
    OFFLINE_CURSOR_SECRET,
    OFFLINE_JWT_SECRET,
    Layer,
    Linted,
    Packaged,
    package,
)

TABLE = {"Fn::GetAtt": ["WarmTransferTable", "Arn"]}
RECORDS_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["IDEMPOTENCY#*"]}}
XRAY_WRITES = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
INDEXES = {"Fn::Join": ["/", [{"Fn::GetAtt": ["WarmTransferTable", "Arn"]}, "index/*"]]}
# Events: grants limited to connection records and webhook subscriptions, the stream (its
# read actions, from the roles plugin), and SQS / ManageConnections for the two event
# functions (tests/deploy/test_events_template.py checks their resources).
CONNECTIONS_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["CONNECTION#*"]}}
WEBHOOKS_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["WEBHOOK#*"]}}
QUEUES_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["QUEUE#*"]}}
RECEIPTS_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["RECEIPT#*"]}}
# The KPI counters (count_transfers writes them and their marks; get_stats reads them).
STATS_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["STATS#*"]}}
COUNTERS_ONLY = {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["STATS#*", "STATSMARK#*"]}}
# Routing's timers: SendMessage to RoutingTimerQueue is the one SQS action of the functions
# that move or read transfers (functions/services/routing/).
TIMER_QUEUE = {"Fn::GetAtt": ["RoutingTimerQueue", "Arn"]}
# POSTs that keep no Idempotency-Key records: LiveKit signs its webhooks and each is
# applied once by its own id.
UNKEYED_POSTS = {"livekit_webhook"}
STREAM = {"Fn::GetAtt": ["WarmTransferTable", "StreamArn"]}
EVENT_FUNCTIONS = {
    "publish_events": ("sqs", "execute-api"),
    "deliver_webhooks": ("sqs",),
    "fire_timers": ("sqs",),  # the timer queue's mapping (added by the roles plugin)
    "count_transfers": ("sqs",),  # its stream's on-failure destination, as publish_events
}


def test_cfn_lint_passes_on_the_packaged_template(packaged: Packaged, cfn_lint: Linted) -> None:
    # No error, and no warning or informational finding beyond the ignored.
    assert cfn_lint.of(packaged.template_path) == []


def _functions(packaged: Packaged) -> dict[str, dict[str, Any]]:
    return {
        props["Properties"]["FunctionName"].removeprefix("warm-transfer-offline-"): props
        for props in packaged.of_type("AWS::Lambda::Function").values()
    }


def test_one_function_per_route_of_serverless_yml(packaged: Packaged) -> None:
    declared = {r.function: r for r in routes.load()}
    config = routes.read_config()["functions"]
    assert set(_functions(packaged)) == set(config)
    # A function without an HTTP route has one other trigger: the schedule (the expiry
    # sweeper), a WebSocket route, the table's stream or the webhook queue.
    for name in set(config) - set(declared):
        kinds = [list(e) for e in config[name]["events"]]
        assert kinds in ([["schedule"]], [["websocket"]], [["stream"]], [["sqs"]]), name
    # Every route of serverless.yml is an HTTP API route whose integration is its function.
    integrations = packaged.of_type("AWS::ApiGatewayV2::Integration")
    served = {}
    for route in packaged.of_type("AWS::ApiGatewayV2::Route").values():
        if route["Properties"]["ApiId"] != {"Ref": "HttpApi"}:
            continue  # the WebSocket API's: tests/deploy/test_events_template.py
        integration_id = route["Properties"]["Target"]["Fn::Join"][1][1]["Ref"]
        uri = integrations[integration_id]["Properties"]["IntegrationUri"]
        # The function's `snapstart` alias (infra/snapstart.js): Fn::Join of its ARN and name.
        arn, alias = uri["Fn::Join"][1]
        assert alias == "snapstart"
        function_id = arn["Fn::GetAtt"][0]
        name = packaged.resources[function_id]["Properties"]["FunctionName"]
        served[route["Properties"]["RouteKey"]] = name.removeprefix("warm-transfer-offline-")
    # (A function may have several routes: serve_console has /console and /console/{proxy+}.)
    assert served == {f"{r.method} {r.path}": r.function for r in routes.load()}


def test_each_handler_string_is_importable(packaged: Packaged) -> None:
    for name, function in _functions(packaged).items():
        module_path, attr = function["Properties"]["Handler"].rsplit(".", 1)
        module = importlib.import_module(module_path.replace("/", "."))
        assert callable(getattr(module, attr)), name


def test_the_service_zip_holds_the_code_and_nothing_else(packaged: Packaged) -> None:
    with packaged.service_zip() as zf:
        names = zf.namelist()
    handlers = {
        f["Properties"]["Handler"].rsplit(".", 1)[0] + ".py" for f in _functions(packaged).values()
    }
    assert handlers <= set(names)
    # Besides the code, only the table definition functions/store/table/schema.py reads at run time,
    # and the agent console's built page (serve_console), never its source.
    code = [n for n in names if n.startswith("functions/")]
    console = {n for n in names if n.startswith("console/")}
    assert set(names) - set(code) - console == {"infra/dynamodb-table.json"}
    assert "console/dist/index.html" in console
    assert all(n.startswith("console/dist/") for n in console)
    # Sources, and bytecode for the runtime's Python only (no 3.11 .pyc of a local run).
    tag = cache_tag(build_layer.lambda_target().python_version)
    assert [n for n in code if not n.endswith(".py") and not n.endswith(f".{tag}.pyc")] == []


def test_the_service_zip_carries_runtime_bytecode_for_every_source(
    packaged: Packaged, tmp_path: Path
) -> None:
    # /var/task is read-only: a .py without its .pyc would compile on every cold start.
    version = build_layer.lambda_target().python_version
    python = build_layer.find_python(version)
    if python is None:
        pytest.skip(f"no python{version} here: the package step could not compile for it")
    magic = magic_number(python).hex()
    tag = cache_tag(version)
    with packaged.service_zip() as zf:
        names = set(zf.namelist())
        sources = sorted(n for n in names if n.endswith(".py"))
        assert len(sources) == len(list(FUNCTIONS.rglob("*.py")))
        for source in sources:
            folder, _, file = source.rpartition("/")
            pyc = f"{folder}/__pycache__/{file.removesuffix('.py')}.{tag}.pyc"
            assert pyc in names, source
            header = zf.read(pyc)[:8]
            assert header[:4].hex() == magic, pyc
            # PEP 552 flags 0b11: hash-based and checked, so zip mtimes cannot make it stale
            # and a .pyc left from an older source is never used.
            assert int.from_bytes(header[4:8], "little") == 0b11, pyc
        extracted = tmp_path / "task"
        zf.extractall(extracted)
    # Each .pyc holds the hash of exactly the source shipped beside it, as that Python
    # computes it: so Lambda's Python uses the .pyc instead of compiling at cold start.
    probe = (
        "import pathlib, sys, importlib.util as u, functions\n"
        "bad = [str(p) for p in pathlib.Path('functions').rglob('*.py')\n"
        "       if (p.parent / '__pycache__' / f'{p.stem}.{sys.implementation.cache_tag}.pyc')\n"
        "       .read_bytes()[8:16] != u.source_hash(p.read_bytes())]\n"
        "print(functions.__version__, *bad)"
    )
    ran = subprocess.run(
        [python, "-B", "-c", probe],
        cwd=extracted,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == [__version__]


def test_every_function_runs_on_the_layer_for_its_runtime(packaged: Packaged) -> None:
    (layer,) = packaged.of_type("AWS::Lambda::LayerVersion").values()
    runtime = routes.read_config()["provider"]["runtime"]
    assert layer["Properties"]["CompatibleRuntimes"] == [runtime]
    assert layer["Properties"]["CompatibleArchitectures"] == ["arm64"]
    http = {r.function for r in routes.load()}
    for name, function in _functions(packaged).items():
        props = function["Properties"]
        assert props["Runtime"] == runtime
        assert props["Architectures"] == ["arm64"]
        assert props["Layers"] == [{"Ref": "DepsLambdaLayer"}]
        assert props["Environment"]["Variables"]["TABLE_NAME"] == "warm-transfer-offline"
        if name in http:
            assert props["Timeout"] <= 29  # HTTP API integrations end at 30 s


def _policy_statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_iam_is_one_role_per_function_with_only_table_actions(packaged: Packaged) -> None:
    roles = packaged.of_type("AWS::IAM::Role")
    declared = routes.read_config()["functions"]
    for name, function in _functions(packaged).items():
        role_id = function["Properties"]["Role"]["Fn::GetAtt"][0]
        statements = _policy_statements(roles[role_id])
        dynamo = [s for s in statements if _listed(s["Action"])[0].startswith("dynamodb:")]
        xray = [s for s in statements if _listed(s["Action"])[0].startswith("xray:")]
        # Tracing: X-Ray's two write actions, which take no resource scope, and nothing else
        # (the shared role has them twice: from the framework and from provider.iam).
        assert xray and all(sorted(s["Action"]) == XRAY_WRITES for s in xray), name
        assert all(_listed(s["Resource"]) == ["*"] for s in xray), name
        if declared[name].get("iamRoleStatements"):
            assert role_id != "IamRoleLambdaExecution", f"{name} shares the default role"
        assert all(s["Effect"] == "Allow" for s in statements)
        for statement in statements:
            for action in _listed(statement["Action"]):
                assert "*" not in action, (name, action)
                if statement.get("Resource") == TIMER_QUEUE:
                    assert action == "sqs:SendMessage", (name, action)
                    continue
                allowed = ("dynamodb", "logs", "xray", *EVENT_FUNCTIONS.get(name, ()))
                assert action.split(":")[0] in allowed, (name, action)
        for statement in dynamo:
            # The table, or its indexes, or its stream, and nothing else.
            assert _listed(statement["Resource"])[0] in (TABLE, INDEXES, STREAM), (name, statement)
            if statement["Resource"] == INDEXES:
                assert _listed(statement["Action"]) == ["dynamodb:Query"]
        # POST functions keep Idempotency-Key records, and only those items are theirs
        # to delete: the one conditional statement is limited to the records' keys.
        conditional = [s["Condition"] for s in dynamo if "Condition" in s]
        is_post = any(
            e.get("httpApi", {}).get("method") == "POST" for e in declared[name]["events"]
        )
        records = [c for c in conditional if c == RECORDS_ONLY]
        keyed = is_post and name not in UNKEYED_POSTS
        assert records == ([RECORDS_ONLY] if keyed else []), name
        scopes = (RECORDS_ONLY, CONNECTIONS_ONLY, WEBHOOKS_ONLY, QUEUES_ONLY, RECEIPTS_ONLY)
        scopes += (STATS_ONLY, COUNTERS_ONLY)
        assert all(c in scopes for c in conditional)
        for statement in dynamo:
            if "dynamodb:DeleteItem" in _listed(statement["Action"]):
                assert statement.get("Condition") in scopes, name
        for statement in statements:
            if _listed(statement["Action"])[0].startswith("logs:"):  # this service's only
                for resource in _listed(statement["Resource"]):
                    assert "/aws/lambda/warm-transfer-offline" in json.dumps(resource)
    # The shared default role (functions without statements) may only write logs (and traces).
    shared = _policy_statements(roles["IamRoleLambdaExecution"])
    assert all(a.startswith(("logs:", "xray:")) for s in shared for a in _listed(s["Action"]))


def test_table_has_ttl_point_in_time_recovery_and_encryption(packaged: Packaged) -> None:
    table = packaged.resources["WarmTransferTable"]
    props = table["Properties"]
    assert props["TableName"] == "warm-transfer-offline"
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert table["DeletionPolicy"] == "Retain"


def test_http_api_has_cors_throttling_and_log_retention(packaged: Packaged) -> None:
    cors = packaged.resources["HttpApi"]["Properties"]["CorsConfiguration"]
    assert {"Authorization", "Content-Type", "Idempotency-Key"} <= set(cors["AllowHeaders"])
    settings = packaged.resources["HttpApiStage"]["Properties"]["DefaultRouteSettings"]
    assert settings["ThrottlingRateLimit"] > 0
    assert settings["ThrottlingBurstLimit"] >= settings["ThrottlingRateLimit"]
    groups = packaged.of_type("AWS::Logs::LogGroup")
    assert len(groups) == len(_functions(packaged))
    assert all(g["Properties"]["RetentionInDays"] == 30 for g in groups.values())


def test_offline_stage_takes_secrets_from_the_environment(packaged: Packaged) -> None:
    env = {n: f["Properties"]["Environment"]["Variables"] for n, f in _functions(packaged).items()}
    # The functions that verify tokens (tests/deploy/test_edge_auth.py says which).
    assert {e.get("AUTH_JWT_SECRET") for e in env.values()} == {OFFLINE_JWT_SECRET, None}
    # The Groq key goes only to the functions that call Groq.
    assert {n for n, e in env.items() if "GROQ_API_KEY" in e} == {
        "initiate_transfer",
        "ai_voice",
        "v0_initiate_transfer",
        "v0_ai_voice",
    }


def test_only_the_functions_that_sign_cursors_get_the_cursor_secret(packaged: Packaged) -> None:
    env = {n: f["Properties"]["Environment"]["Variables"] for n, f in _functions(packaged).items()}
    holders = {n: e["CURSOR_SECRET"] for n, e in env.items() if "CURSOR_SECRET" in e}
    # Transfer lists, transcript pages (GET /calls/{id}) and audit pages hand out cursors.
    signers = ("list_transfers", "get_call", "get_call_audit")
    assert holders == dict.fromkeys(signers, OFFLINE_CURSOR_SECRET)
    assert OFFLINE_CURSOR_SECRET != OFFLINE_JWT_SECRET


def test_deploy_stages_read_secrets_from_ssm_parameter_store(
    moto_server: LocalDynamoDB, lambda_layer: Layer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A deploy stage resolves infra/secrets.yml's SSM references (here in moto's SSM)."""
    moto_server.reset()
    ssm = boto3.client(
        "ssm", endpoint_url=moto_server.endpoint_url, region_name="us-east-1", **LOCAL_CREDENTIALS
    )
    ssm.put_parameter(
        Name="/warm-transfer/ci/auth-jwt-secret", Value="from-ssm-0123", Type="SecureString"
    )
    ssm.put_parameter(
        Name="/warm-transfer/ci/cursor-secret", Value="cursor-from-ssm", Type="SecureString"
    )
    out = tmp_path_factory.mktemp("package-ci")
    built = package(moto_server, out, lambda_layer.zip, stage="ci")
    variables = [
        f["Properties"]["Environment"]["Variables"]
        for f in built.of_type("AWS::Lambda::Function").values()
    ]
    assert {v.get("AUTH_JWT_SECRET") for v in variables} == {"from-ssm-0123", None}
    # No Groq key stored: '' (the offline summariser), not a failed deploy.
    assert {v["GROQ_API_KEY"] for v in variables if "GROQ_API_KEY" in v} == {""}


def test_a_deploy_stage_without_its_jwt_secret_does_not_package(
    moto_server: LocalDynamoDB, lambda_layer: Layer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    moto_server.reset()
    with pytest.raises(AssertionError, match=r'authJwtSecret.*not found at "ssm"'):
        package(moto_server, tmp_path_factory.mktemp("package-x"), lambda_layer.zip, stage="x")
