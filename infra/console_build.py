"""Build the agent console (console/src -> console/dist) with the project's esbuild.

Run by `make run`/`make test` (npm run build:console), before osls packages or deploys
(infra/osls_offline.py), and by the browser tests, so what is served and tested is
always built from the current source.

    python -m infra.console_build
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "console" / "build.mjs"
DIST = ROOT / "console" / "dist"


def build() -> Path:
    """console/dist, freshly built; raises if node or esbuild (npm ci) is missing."""
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("node is missing: the console is built with esbuild (npm ci)")
    if not (ROOT / "node_modules" / "esbuild").exists():
        raise FileNotFoundError("node_modules/esbuild is missing: run `npm ci` (make does)")
    subprocess.run([node, str(SCRIPT)], cwd=ROOT, check=True, capture_output=True, timeout=120)
    return DIST


if __name__ == "__main__":
    print(build())
