"""The README asks for the Node package.json declares, and the installed Node meets it."""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


def test_package_json_declares_the_node_the_readme_asks_for() -> None:
    declared = json.loads((ROOT / "package.json").read_text())["engines"]["node"]
    minimum = re.fullmatch(r">=(\d+\.\d+)", declared)
    assert minimum, declared
    readme = (ROOT / "README.md").read_text()
    assert f"Node {minimum.group(1)} or later" in readme
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    installed = node.stdout
    assert _version(installed) >= _version(minimum.group(1))
