"""clients/python is what openapi-python-client makes of docs/openapi.json today."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ["--config", "openapi-python-client.yml", "--meta", "setup", "--overwrite"]


def _differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", "*.egg-info"])
    out = [f"{a.name}/{n}" for n in cmp.left_only + cmp.right_only + cmp.diff_files]
    out = [n for n in out if not n.endswith(".egg-info")]
    for sub in cmp.common_dirs:
        out += _differences(a / sub, b / sub)
    return out


def test_the_client_is_generated_from_the_current_openapi_document(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    clients.mkdir()
    shutil.copy(ROOT / "clients" / "openapi-python-client.yml", clients)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", dirs_exist_ok=True)
    tool = Path(sys.executable).parent / "openapi-python-client"
    subprocess.run(
        [str(tool), "generate", "--path", "../docs/openapi.json", *GENERATE],
        cwd=clients,
        check=True,
        capture_output=True,
    )
    stale = _differences(ROOT / "clients" / "python", clients / "python")
    assert stale == [], (
        f"clients/python is out of date with docs/openapi.json ({stale}): make openapi"
    )
