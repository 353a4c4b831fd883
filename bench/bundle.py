"""The code as Lambda runs it: the dependency layer and the function package, for this machine.

The layer comes from the deploy build (infra/layer/build_layer.py), made for this machine's
architecture and Lambda's Python (serverless.yml's runtime), so it carries exactly the
runtime dependencies (no dev tools such as click or rich, which httpx imports when present)
and bytecode compiled the way the deployed layer ships it. It is cached under build/bench/
per set of pinned versions. The function package is functions/ plus the table definition,
as serverless.yml packages them. Three variants of bytecode are laid out:

  compiled   layer .pyc + function .pyc: what serverless.yml packages (the .pyc made by
             infra/function_bytecode.py, unchecked-hash, as the layer's)
  source     layer .pyc, function code as source (the package before it carried .pyc)
  none       no .pyc anywhere: every cold start compiles everything

/var/task and /opt are read-only on Lambda, so every variant runs with
PYTHONDONTWRITEBYTECODE=1: what is not shipped compiled is compiled on every cold start.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from infra import pythons
from infra.function_bytecode import cache_tag, compile_functions
from infra.layer import build_layer

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "bench"
# What the function package holds, as serverless.yml's package patterns select it, plus
# the harness's LambdaContext (tests/support/apigw.py, a few stdlib imports).
PACKAGE = ("functions", "infra/dynamodb-table.json")
HARNESS = ("tests/__init__.py", "tests/support/__init__.py", "tests/support/apigw.py")
VARIANTS = ("compiled", "source", "none")


@dataclass(frozen=True)
class Bundle:
    python: str
    python_version: str
    layer: dict[str, Path]  # variant -> the layer's python/ directory
    task: dict[str, Path]  # variant -> the function package directory

    def env(self, variant: str) -> dict[str, str]:
        return {
            "PYTHONPATH": f"{self.task[variant]}:{self.layer[variant]}",
            "PYTHONDONTWRITEBYTECODE": "1",
        }


def build(work: Path) -> Bundle:
    lambda_target = build_layer.lambda_target()
    target = build_layer.Target(lambda_target.python_version, build_layer.host_target().machine)
    python = build_layer.find_python(target.python_version)
    if python is None:
        raise SystemExit(f"cold start needs python{target.python_version} (Lambda's runtime)")
    pins = build_layer.pinned_closure(target)
    key = hashlib.sha256(json.dumps([target.machine, target.python_version, pins]).encode())
    cached = CACHE / f"layer-{key.hexdigest()[:16]}"
    if not (cached / "python").is_dir():
        build_layer.build(cached, target, require_bytecode=True)
    layer_src = work / "layer-none" / "python"
    shutil.copytree(cached / "python", layer_src, ignore=shutil.ignore_patterns("__pycache__"))
    tasks = {name: work / f"task-{name}" for name in ("compiled", "source")}
    for task in tasks.values():
        for rel in (*PACKAGE, *HARNESS):
            src, dst = ROOT / rel, task / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, dst)
    for task in tasks.values():
        # The harness is compiled everywhere: it is the bench's, not the function's, cost.
        _compile(python, task / "tests")
    # The function bytecode exactly as the package step makes it and the package takes it.
    compile_functions(python)
    tag = cache_tag(target.python_version)
    for pyc in (ROOT / "functions").rglob(f"__pycache__/*.{tag}.pyc"):
        dst = tasks["compiled"] / pyc.relative_to(ROOT)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pyc, dst)
    return Bundle(
        python=python,
        python_version=target.python_version,
        layer={"compiled": cached / "python", "source": cached / "python", "none": layer_src},
        task={
            "compiled": tasks["compiled"],
            "source": tasks["source"],
            "none": tasks["source"],
        },
    )


def _compile(python: str, path: Path) -> None:
    pythons.compileall(python, "--invalidation-mode", "unchecked-hash", str(path), timeout=300)
