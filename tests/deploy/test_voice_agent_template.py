"""infra/voice-agent.yml (the voice agent on ECS Fargate): cfn-lint accepts it, and it has
what the docs promise: autoscaling, logs kept as the functions' are, secrets not in env."""

from __future__ import annotations

from typing import Any

import yaml

from tests.deploy.conftest import VOICE_AGENT_TEMPLATE as TEMPLATE
from tests.deploy.conftest import Linted


class _CfnLoader(yaml.SafeLoader):
    """Reads a short-form function (!Ref X) as its long form ({"Ref": "X"})."""


def _function(loader: _CfnLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    return {suffix: loader.construct_sequence(node)}  # type: ignore[arg-type]


_CfnLoader.add_multi_constructor("!", _function)


def _resources() -> dict[str, Any]:
    return dict(yaml.load(TEMPLATE.read_text(), Loader=_CfnLoader)["Resources"])


def test_cfn_lint_passes_on_the_voice_agent_template(cfn_lint: Linted) -> None:
    assert cfn_lint.of(TEMPLATE) == []


def test_it_scales_on_cpu_and_keeps_logs_and_secrets_apart() -> None:
    resources = _resources()
    kinds = {r["Type"] for r in resources.values()}
    assert {"AWS::ECS::Service", "AWS::ApplicationAutoScaling::ScalingPolicy"} <= kinds
    assert resources["LogGroup"]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    (container,) = resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
    plain = {e["Name"] for e in container["Environment"]}
    secret = {s["Name"] for s in container["Secrets"]}
    assert {"GROQ_API_KEY", "LIVEKIT_API_SECRET", "WARM_TRANSFER_TOKEN"} <= secret
    assert not plain & secret
    assert container["LogConfiguration"]["LogDriver"] == "awslogs"
