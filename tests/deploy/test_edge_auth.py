"""Identity at the edge: with the params oidcIssuer and oidcAudience, the packaged template
has API Gateway's JWT authorizer on every route but the public ones (health, the
console's files, the older API's root and health); without them, none. Either
way, only the functions that verify tokens carry a token secret (with an issuer, none:
its keys are public)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infra import routes
from infra.local_stack import LocalDynamoDB
from tests.deploy.conftest import (
    AUDIENCES,
    ISSUER,
    OFFLINE_CURSOR_SECRET,
    OFFLINE_JWT_SECRET,
    Layer,
    Linted,
    Packaged,
    package,
)

# Routes anyone may call: liveness (ours and the older API's), the older API's root and the
# agent console's static files (the page signs in once it has loaded).
# LiveKit's webhooks carry LiveKit's signature, not a bearer token (functions/livekit/webhooks.py).
PUBLIC = {
    "/health",
    "/v0/",
    "/v0/health",
    "/console",
    "/console/{proxy+}",
    "/livekit/webhook",
}
# Functions that verify bearer tokens: every other HTTP route's, and the WebSocket
# $connect (no authorizer runs there). The others never see a token.
VERIFIERS = {r.function for r in routes.load() if r.path not in PUBLIC} | {"ws_connect"}
NO_TOKENS = set(routes.read_config()["functions"]) - VERIFIERS


def _routes(packaged: Packaged) -> dict[str, dict[str, Any]]:
    return {
        r["Properties"]["RouteKey"]: r["Properties"]
        for r in packaged.of_type("AWS::ApiGatewayV2::Route").values()
        if r["Properties"]["ApiId"] == {"Ref": "HttpApi"}  # not the WebSocket API's
    }


def _environments(packaged: Packaged) -> dict[str, dict[str, str]]:
    return {
        f["Properties"]["FunctionName"].removeprefix("warm-transfer-offline-"): f["Properties"][
            "Environment"
        ]["Variables"]
        for f in packaged.of_type("AWS::Lambda::Function").values()
    }


def test_with_an_issuer_every_route_but_health_has_the_jwt_authorizer(
    with_issuer: Packaged,
) -> None:
    (authorizer_id, authorizer), *more = with_issuer.of_type(
        "AWS::ApiGatewayV2::Authorizer"
    ).items()
    assert more == []
    props = authorizer["Properties"]
    assert props["AuthorizerType"] == "JWT"
    assert props["IdentitySource"] == ["$request.header.Authorization"]
    assert props["JwtConfiguration"] == {"Issuer": ISSUER, "Audience": AUDIENCES}
    routes = _routes(with_issuer)
    for key in [k for k in routes if k.split(" ", 1)[1] in PUBLIC]:
        assert "AuthorizationType" not in routes.pop(key), key
    assert len(routes) >= 14
    for key, route in routes.items():
        assert route["AuthorizationType"] == "JWT", key
        assert route["AuthorizerId"] == {"Ref": authorizer_id}, key
    env = _environments(with_issuer)["get_call"]
    assert env["AUTH_OIDC_ISSUER"] == ISSUER
    assert env["AUTH_OIDC_AUDIENCE"] == ", ".join(AUDIENCES)


def test_without_an_issuer_there_is_no_authorizer(packaged: Packaged) -> None:
    assert packaged.of_type("AWS::ApiGatewayV2::Authorizer") == {}
    for key, route in _routes(packaged).items():
        assert "AuthorizationType" not in route, key
    assert _environments(packaged)["get_call"]["AUTH_OIDC_ISSUER"] == ""


def _no_secrets_where_no_tokens(envs: dict[str, dict[str, str]]) -> None:
    for name in NO_TOKENS:
        assert "AUTH_JWT_SECRET" not in envs[name], name
    # Liveness, the console's files and the sweeper hold no secret of any kind.
    for name in ("health", "v0_health", "serve_console", "expire_transfers"):
        assert not {k for k in envs[name] if "SECRET" in k or "KEY" in k}, name


def test_without_an_issuer_only_functions_that_verify_tokens_carry_the_secret(
    packaged: Packaged,
) -> None:
    envs = _environments(packaged)
    holders = {name for name, env in envs.items() if "AUTH_JWT_SECRET" in env}
    assert holders == VERIFIERS
    assert {envs[name]["AUTH_JWT_SECRET"] for name in holders} == {OFFLINE_JWT_SECRET}
    _no_secrets_where_no_tokens(envs)


def test_with_an_issuer_no_function_carries_the_token_secret(with_issuer: Packaged) -> None:
    # Tokens are checked against the issuer's public keys: there is no HS256 to verify.
    envs = _environments(with_issuer)
    assert {env.get("AUTH_JWT_SECRET", "") for env in envs.values()} == {""}
    _no_secrets_where_no_tokens(envs)


def test_only_the_console_function_is_told_how_the_page_signs_in(
    with_issuer: Packaged, packaged: Packaged
) -> None:
    envs = _environments(with_issuer)
    console = {k: v for k, v in envs["serve_console"].items() if k.startswith("CONSOLE_OIDC_")}
    assert console == {
        "CONSOLE_OIDC_CLIENT_ID": "console-client",
        "CONSOLE_OIDC_SCOPE": "openid",
        "CONSOLE_OIDC_RESOURCE": AUDIENCES[0],
        "CONSOLE_OIDC_PROVIDER_NAME": "",
    }
    # It reads the issuer and the role claim it names from the shared environment.
    assert envs["serve_console"]["AUTH_OIDC_ISSUER"] == ISSUER
    others = {k for name, env in envs.items() if name != "serve_console" for k in env}
    assert not {k for k in others if k.startswith("CONSOLE_OIDC_")}
    # Without the params the page offers a pasted token only.
    assert _environments(packaged)["serve_console"]["CONSOLE_OIDC_CLIENT_ID"] == ""


def test_cfn_lint_passes_on_the_template_with_the_authorizer(
    with_issuer: Packaged, cfn_lint: Linted
) -> None:
    assert cfn_lint.of(with_issuer.template_path) == []


def test_the_authorizer_needs_an_audience(
    moto_server: LocalDynamoDB, lambda_layer: Layer, tmp_path: Path
) -> None:
    with pytest.raises(AssertionError, match="oidcAudience is required"):
        package(
            moto_server,
            tmp_path,
            lambda_layer.zip,
            stage="offline",
            env={"CURSOR_SECRET": OFFLINE_CURSOR_SECRET},
            params={"oidcIssuer": ISSUER},
        )
