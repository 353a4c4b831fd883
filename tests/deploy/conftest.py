"""Deploy fixtures: the layer built and serverless.yml packaged once per run (on several
xdist workers, by the first that needs them: tests/support/run_once.py).

Each builds what it needs into a temporary directory, so the tests need no earlier
`make` step and leave the work tree as it was, but for two things `osls package` writes
into it (the functions' bytecode, .serverless/): one package runs at a time.
Needs node_modules (`npm ci`, which `make test` runs) and PyPI for the layer's wheels
(uv's cache makes reruns fast).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infra import osls_offline
from infra.layer import build_layer
from infra.local_stack import LocalDynamoDB
from tests.support.run_once import PACKAGE_LOCK, exclusive, once

# The offline stage takes its secrets from the environment of osls (infra/secrets.yml).
OFFLINE_JWT_SECRET = "offline-stage-secret-0123456789abcdef"
OFFLINE_CURSOR_SECRET = "offline-stage-cursor-secret-0123456789"


@dataclass(frozen=True)
class Layer:
    report: dict[str, Any]
    site: Path  # the layer's python/ directory
    zip: Path


@dataclass(frozen=True)
class Packaged:
    directory: Path
    template: dict[str, Any]

    @property
    def template_path(self) -> Path:
        return self.directory / "cloudformation-template-update-stack.json"

    @property
    def resources(self) -> dict[str, Any]:
        return self.template["Resources"]

    def of_type(self, cfn_type: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if v["Type"] == cfn_type}

    def service_zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.directory / "warm-transfer.zip")


@pytest.fixture(scope="session")
def lambda_layer(tmp_path_factory: pytest.TempPathFactory) -> Layer:
    """The slim layer for Lambda (serverless.yml's runtime and architecture)."""

    def build(into: Path) -> None:
        report = build_layer.build(into / "layer", build_layer.lambda_target())
        (into / "report.json").write_text(json.dumps(report))

    out = once(tmp_path_factory, "lambda-layer", build)
    report = json.loads((out / "report.json").read_text())
    return Layer(report, out / "layer" / "python", Path(report["zip"]))


def package(
    moto: LocalDynamoDB,
    out: Path,
    layer_zip: Path,
    *,
    stage: str,
    env: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
) -> Packaged:
    extra = [arg for k, v in (params or {}).items() for arg in ("--param", f"{k}={v}")]
    args = ["package", "--stage", stage, "--package", str(out)]
    args += ["--param", f"layerArtifact={layer_zip}", *extra]
    with exclusive(PACKAGE_LOCK):
        done = osls_offline.run(args, endpoint_url=moto.endpoint_url, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    built = Packaged(out, {})
    return Packaged(out, json.loads(built.template_path.read_text()))


@pytest.fixture(scope="session")
def packaged(
    moto_server: LocalDynamoDB, lambda_layer: Layer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Packaged]:
    """`osls package --stage offline`: the template and the service zip."""

    def build(into: Path) -> None:
        env = {"AUTH_JWT_SECRET": OFFLINE_JWT_SECRET, "CURSOR_SECRET": OFFLINE_CURSOR_SECRET}
        package(moto_server, into, lambda_layer.zip, stage="offline", env=env)

    out = once(tmp_path_factory, "package", build)
    yield Packaged(out, json.loads(Packaged(out, {}).template_path.read_text()))
