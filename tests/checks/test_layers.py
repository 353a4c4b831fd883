"""The layers hold: the import contract in pyproject.toml ([tool.importlinter]) passes,
and it does catch a layer being crossed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()",
        str(ROOT / "pyproject.toml"),
        "--no-cache",
    ]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_every_layer_contract_is_kept() -> None:
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 broken" in run.stdout


def test_a_domain_module_importing_fastapi_or_an_sdk_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "functions", tmp_path / "functions")
    (tmp_path / "infra").mkdir()  # the store reads the table's definition from infra/
    shutil.copy(ROOT / "infra" / "dynamodb-table.json", tmp_path / "infra")
    with (tmp_path / "functions" / "domain" / "lifecycle.py").open("a") as f:
        f.write("\nimport fastapi  # crossing: domain -> HTTP framework\n")
    with (tmp_path / "functions" / "llm" / "prompts.py").open("a") as f:
        f.write("\nimport boto3  # crossing: llm -> AWS SDK\n")
    run = lint_imports(tmp_path)
    assert run.returncode == 1
    assert "functions.domain.lifecycle -> fastapi" in run.stdout
    assert "functions.llm.prompts -> boto3" in run.stdout
    assert "Illegal imports of protected package boto3" in run.stdout


def test_functions_without_the_store_never_import_the_aws_sdk() -> None:
    """/health and /rooms make no store call: their cold start carries no aioboto3/botocore
    client machinery. Only botocore's top-level module is there: Powertools' package init
    imports it to register its user agent (no client, no service data, no submodule)."""
    code = (
        "import json, sys\n"
        "import functions.health, functions.list_rooms\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(run.stdout.strip().splitlines()[-1]))
    assert "fastapi" in loaded  # the probe sees the app's imports
    sdk = {m for m in loaded if m.split(".")[0] in ("aioboto3", "aiobotocore", "botocore", "boto3")}
    assert sdk <= {"botocore"}, sorted(sdk)
