"""The dependency layer: Lambda's platform, tested versions, pruned, precompiled, complete.

The Lambda layer (arm64, the runtime's Python) cannot be imported on this machine, so its
completeness is proven on a twin built by the same code for this machine's platform: with
nothing else on sys.path, every function of serverless.yml imports from it and the store
makes a DynamoDB round trip through the pruned botocore.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from infra import routes
from infra.function_bytecode import magic_number
from infra.layer import build_layer
from infra.local_stack import LocalDynamoDB, create_table
from tests.deploy.conftest import Layer

ROOT = Path(__file__).resolve().parents[2]


def _dist_versions(site: Path) -> dict[str, str]:
    found = {}
    for dist in md.distributions(path=[str(site)]):
        found[dist.metadata["Name"].lower().replace("_", "-")] = dist.version
    return found


def test_layer_is_built_for_lambdas_platform_from_the_tested_versions(
    lambda_layer: Layer,
) -> None:
    site = lambda_layer.site
    assert lambda_layer.zip.stat().st_size == lambda_layer.report["zipped_bytes"]
    # arm64 wheels for the runtime's Python (serverless.yml), not this machine's.
    (core,) = (site / "pydantic_core").glob("_pydantic_core.*.so")
    assert core.name.endswith("-312-aarch64-linux-gnu.so")
    versions = _dist_versions(site)
    for name in ("fastapi", "mangum", "pydantic", "aioboto3", "aiobotocore", "groq"):
        assert versions[name] == md.version(name), name
    # Exactly the botocore and boto3 aiobotocore pins, never a newer boto3.
    pins = {
        Requirement(r).name: Requirement(r).specifier
        for r in md.requires("aiobotocore") or []
        if Requirement(r).name in ("botocore", "boto3")
    }
    assert versions["botocore"] in pins["botocore"]
    assert versions["boto3"] in pins["boto3"]


def test_layer_is_pruned_to_what_runs(lambda_layer: Layer) -> None:
    site = lambda_layer.site
    data = site / "botocore" / "data"
    assert sorted(p.name for p in data.iterdir() if p.is_dir()) == sorted(
        build_layer.KEEP_AWS_SERVICES
    )
    assert (data / "endpoints.json").exists()
    # boto3 has resource data for some services only (no Management API's).
    assert sorted(p.name for p in (site / "boto3" / "data").iterdir()) == ["dynamodb", "sqs"]
    files = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix in (".pyi", ".c", ".pyx")]
    assert not [p for p in site.rglob("*") if p.is_dir() and p.name in ("tests", "test")]
    assert not (site / "bin").exists()
    # importlib.metadata still works: METADATA keeps its headers.
    assert all("RECORD" not in p.name for p in files)


def test_layer_bytecode_is_precompiled_for_the_runtime(lambda_layer: Layer) -> None:
    python = lambda_layer.report["bytecode_by"]
    if python is None:
        pytest.skip("no python3.12 on this machine: the layer was built without bytecode")
    magic = magic_number(python).hex()
    sources = list(lambda_layer.site.rglob("*.py"))
    assert len(sources) > 500
    for source in sources:
        (pyc,) = (source.parent / "__pycache__").glob(f"{source.stem}.cpython-312.pyc")
        header = pyc.read_bytes()[:8]
        assert header[:4].hex() == magic, pyc
        # PEP 552 flags 0b01: hash-based and unchecked, so zip mtimes cannot make it stale.
        assert int.from_bytes(header[4:8], "little") == 0b01, pyc


@pytest.fixture(scope="session")
def host_layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("host-layer") / "layer"
    build_layer.build(out, build_layer.host_target())
    return out / "python"


SMOKE = """
import asyncio, importlib, json, os, sys
modules = json.loads(sys.argv[1])
for name in modules:
    assert callable(importlib.import_module(name).handler), name
from functions.services import calls
from functions.store.table import client as dynamodb
from functions.domain.actor import Actor
from functions.domain.models import Role
from functions.domain.models.call import AppendTurnsRequest, CreateCallRequest

async def round_trip():
    svc = Actor("layer-smoke", Role.service)
    await calls.create_call(CreateCallRequest(call_id="layer-1"), svc)
    turns = AppendTurnsRequest(turns=[{"speaker": "caller", "text": "hi"}])
    await calls.append_turns("layer-1", turns, svc)
    try:
        return await calls.get_call("layer-1", svc)
    finally:
        await dynamodb.close()

call = asyncio.run(round_trip())
import botocore
print(json.dumps({"call": call.call_id, "turns": len(call.turns), "botocore": botocore.__file__}))
"""


def test_every_function_imports_and_stores_from_the_pruned_layer(
    host_layer: Path, moto_server: LocalDynamoDB
) -> None:
    moto_server.reset()
    create_table(moto_server.endpoint_url, "layer-smoke", "us-east-1")
    modules = sorted({r.module for r in routes.load()})
    env = {
        "PATH": os.environ.get("PATH", ""),
        # -S below: no site-packages, so the layer and the project are all there is.
        "PYTHONPATH": f"{host_layer}{os.pathsep}{ROOT}",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DYNAMODB_ENDPOINT_URL": moto_server.endpoint_url,
        "TABLE_NAME": "layer-smoke",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    done = subprocess.run(
        [sys.executable, "-S", "-c", SMOKE, json.dumps(modules)],
        env=env,
        cwd=host_layer,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["call"] == "layer-1" and out["turns"] == 1
    assert out["botocore"].startswith(str(host_layer))
