"""Build the Lambda dependency layer: the runtime dependencies, slimmed, as a zip.

    .venv/bin/python -m infra.layer.build_layer            # build/layer.zip for serverless.yml
    .venv/bin/python -m infra.layer.build_layer --naive    # also measure the naive bundle

Without Docker: uv installs wheels for the Lambda platform (the runtime and architecture
in serverless.yml) with its --python-platform/--python-version/--only-binary flags. The
versions are exactly requirements/runtime.lock's, resolved together with the dev lock the
project's virtualenv was synced from (infra/lock.py), so the layer ships what was tested;
that also keeps boto3/botocore at the versions aiobotocore pins.

Slimming, each step because Lambda pays for it at deploy and cold start:
- botocore's data is cut to the services the code calls (DynamoDB): it is most of botocore;
- tests, docs, type stubs, C sources, caches and wheel bookkeeping are removed;
- bytecode is precompiled by the target Python in unchecked-hash mode: the layer is
  read-only on Lambda, so a missing or stale .pyc means compiling on every cold start, and
  the zip does not keep mtimes exact, which would make timestamp-checked .pyc files stale.
  The target Python is found by infra/pythons.py (python3.X on PATH or under pyenv, or
  LAYER_PYTHON); without it the layer is built without bytecode and a warning says so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra import pythons
from infra.routes import read_config

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_LOCK = ROOT / "requirements" / "runtime.lock"

# botocore/boto3 service data the code needs: DynamoDB (the store), and for events SQS
# (webhook deliveries) and the API Gateway Management API (post_to_connection).
KEEP_AWS_SERVICES = frozenset({"dynamodb", "sqs", "apigatewaymanagementapi"})
# Lambda's Python runtimes put a layer's python/ directory on sys.path from here.
LAYER_MOUNT = "/opt/python"
# Directory names never imported at run time ("docs" is not one: botocore.docs is code).
STRIP_DIRS = frozenset({"tests", "test", "__pycache__"})
STRIP_SUFFIXES = (".pyi", ".pyc", ".pyo", ".c", ".h", ".cpp", ".pyx", ".pxd", ".md", ".rst")
STRIP_NAMES = frozenset({"py.typed"})
# Kept in *.dist-info: importlib.metadata (versions, entry points) and the licences.
DIST_INFO_KEEP = frozenset({"METADATA", "entry_points.txt", "top_level.txt"})
# A fixed timestamp makes the zip reproducible; unchecked-hash .pyc files ignore mtimes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Target:
    python_version: str  # "3.12"
    machine: str  # "aarch64" or "x86_64"

    @property
    def uv_platform(self) -> str:
        # Lambda's python3.12 runs on Amazon Linux 2023 (glibc 2.34): manylinux wheels up
        # to that tag (2014, 2_28, ..., 2_34) fit.
        return f"{self.machine}-manylinux_2_34"

    @property
    def marker_env(self) -> dict[str, str]:
        return {
            "python_version": self.python_version,
            "python_full_version": f"{self.python_version}.0",
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
            "platform_system": "Linux",
            "sys_platform": "linux",
            "os_name": "posix",
            "platform_machine": self.machine,
            "extra": "",
        }


def lambda_target() -> Target:
    """The runtime and architecture serverless.yml deploys to (the one place they are set)."""
    provider = read_config()["provider"]
    runtime = provider["runtime"]
    match = re.fullmatch(r"python(\d+\.\d+)", runtime)
    if not match:
        raise SystemExit(f"serverless.yml provider.runtime {runtime!r} is not a Python runtime")
    arch = provider.get("architecture", "x86_64")
    return Target(match.group(1), {"arm64": "aarch64", "x86_64": "x86_64"}[arch])


def host_target() -> Target:
    """This machine's Python and architecture: a layer that can be imported here, for tests."""
    return Target(f"{sys.version_info[0]}.{sys.version_info[1]}", os.uname().machine)


def uv_bin() -> str:
    """The locked uv (a dev dependency), else one on PATH."""
    try:
        from uv import find_uv_bin  # dev tooling: imported here only

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        found = shutil.which("uv")
        if found is None:
            raise SystemExit("uv not found: run `make` (it installs uv)") from None
        return found


def locked_requirements() -> list[Requirement]:
    """The runtime dependencies' closure exactly as requirements/runtime.lock pins it."""
    reqs = []
    for line in RUNTIME_LOCK.read_text().splitlines():
        text = line.split("\\")[0].strip()  # a pin's hashes follow on continuation lines
        if text and not text.startswith(("#", "-")):
            reqs.append(Requirement(text))
    return reqs


def pinned_closure(target: Target) -> dict[str, str]:
    """Every distribution the runtime dependencies need on the target, at its locked version."""
    pins: dict[str, str] = {}
    for req in locked_requirements():
        if req.marker is not None and not req.marker.evaluate(target.marker_env):
            continue
        (spec,) = req.specifier
        pins[canonicalize_name(req.name)] = spec.version
    return dict(sorted(pins.items()))


def find_python(version: str) -> str | None:
    """An interpreter of the target version, for compiling bytecode (infra/pythons.py)."""
    return pythons.find_python(version)


def install(pins: dict[str, str], dest: Path, target: Target) -> None:
    """Install exactly the pinned wheels for the target platform into dest, with uv."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req_file:
        req_file.write("".join(f"{n}=={v}\n" for n, v in pins.items()))
    # uv reads no pip.conf: the default index, as for the venv. No interpreter of the
    # target is needed: --python-version and --python-platform describe it.
    cmd = [uv_bin(), "pip", "install", "--quiet", "--target", str(dest), "--no-deps"]
    cmd += ["--only-binary", ":all:", "--python-version", target.python_version]
    cmd += ["--python-platform", target.uv_platform, "--no-installer-metadata"]
    cmd += ["--python", sys.executable, "-r", req_file.name]
    try:
        subprocess.run(cmd, check=True, env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"})
    finally:
        os.unlink(req_file.name)


def prune(site: Path) -> None:
    """Remove what Lambda never imports; keep only the AWS services the code calls."""
    for data_dir in (site / "botocore" / "data", site / "boto3" / "data"):
        for entry in data_dir.iterdir():
            if entry.is_dir() and entry.name not in KEEP_AWS_SERVICES:
                shutil.rmtree(entry)
        for examples in data_dir.glob("*/*/examples-1.json"):
            examples.unlink()
    shutil.rmtree(site / "bin", ignore_errors=True)
    for path in sorted(site.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if not path.exists():
            continue
        if any(part.endswith(".dist-info") for part in path.relative_to(site).parts[:-1]):
            _strip_dist_info_file(path)
        elif path.is_dir() and path.name in STRIP_DIRS:
            shutil.rmtree(path)
        elif path.is_file() and (path.name in STRIP_NAMES or path.suffix in STRIP_SUFFIXES):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _strip_dist_info_file(path: Path) -> None:
    if path.is_dir() or path.parent.name in ("licenses", "LICENSES"):
        return
    if path.name not in DIST_INFO_KEEP and "LICEN" not in path.name.upper():
        path.unlink()
    elif path.name == "METADATA":
        # The headers carry name and version; the long description body is a README.
        head, _, _ = path.read_text(encoding="utf-8", errors="replace").partition("\n\n")
        path.write_text(head + "\n", encoding="utf-8")


def compile_bytecode(site: Path, python: str) -> None:
    """Precompile with the target Python; unchecked-hash so zip mtimes cannot stale them."""
    args = ["-j", "0", "--invalidation-mode", "unchecked-hash", "-s", str(site), "-p", LAYER_MOUNT]
    pythons.compileall(python, *args, str(site))


def write_zip(layer_dir: Path, zip_path: Path) -> None:
    """A reproducible zip: sorted entries, fixed timestamps, maximum deflate."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in layer_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(layer_dir).as_posix(), ZIP_DATE)
            info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(zip_path)


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def build(
    out: Path, target: Target, *, naive: bool = False, require_bytecode: bool = False
) -> dict[str, Any]:
    """Build out/python (+ out.zip); naive = the same wheels as pip installs them, unslimmed."""
    pins = pinned_closure(target)
    shutil.rmtree(out, ignore_errors=True)
    site = out / "python"
    site.mkdir(parents=True)
    python = find_python(target.python_version)
    install(pins, site, target)
    if naive:
        # What `pythonX.Y -m pip install -t python/ ... && zip -r` gives: pip's own bytecode
        # (timestamp-checked) included, when the target's Python is here to make it.
        if python is not None:
            pythons.compileall(python, "-j", "0", str(site))
    else:
        prune(site)
        if python is None:
            if require_bytecode:
                raise SystemExit(f"no python{target.python_version} found to precompile with")
            print(
                f"warning: no python{target.python_version} found (set LAYER_PYTHON); "
                "the layer has no bytecode and Lambda compiles it on every cold start",
                file=sys.stderr,
            )
        else:
            compile_bytecode(site, python)
    zip_path = out.with_suffix(".zip")
    write_zip(out, zip_path)
    return {
        "layer": "naive" if naive else "slim",
        "python": target.python_version,
        "machine": target.machine,
        "bytecode_by": python,  # None: no target Python found, no bytecode
        "distributions": len(pins),
        "unzipped_bytes": tree_bytes(out),
        "zipped_bytes": zip_path.stat().st_size,
        "zip": str(zip_path),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "layer", help="layer dir")
    parser.add_argument("--naive", action="store_true", help="also build the naive bundle")
    parser.add_argument("--host", action="store_true", help="for this machine, not Lambda")
    parser.add_argument(
        "--require-bytecode", action="store_true", help="fail without the target Python"
    )
    args = parser.parse_args(argv)
    target = host_target() if args.host else lambda_target()
    reports = [build(args.out, target, require_bytecode=args.require_bytecode)]
    if args.naive:
        naive_out = args.out.with_name(args.out.name + "-naive")
        reports.append(build(naive_out, target, naive=True))
    for report in reports:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
